import { Rolegate } from 'rolegate';
import { applyGates } from 'rolegate/dom';
import snapshot from './org.json';

const user = new URLSearchParams(location.search).get('user') ?? 'ann';
const gate = Rolegate.load(snapshot);
document.getElementById('who').textContent = user;
const counts = applyGates(document, gate.user(user));
document.body.dataset.ready = JSON.stringify(counts);
