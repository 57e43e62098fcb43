import { init, Rolegate } from 'rolegate';
import { applyGates, installFailClosedStyle } from 'rolegate/dom';
import snapshot from './org.json';

// Gated elements stay hidden until the engine has decided them.
installFailClosedStyle(document);
const user = new URLSearchParams(location.search).get('user') ?? 'ann';
document.getElementById('who').textContent = user;
init().then(() => {
  const gate = Rolegate.load(snapshot);
  const counts = applyGates(document, gate.user(user));
  document.body.dataset.ready = JSON.stringify(counts);
});
