// esbuild does not emit a `.wasm` that a package finds with
// `new URL(..., import.meta.url)`: the recipe is its `file` loader for
// `.wasm` (`--loader:.wasm=file`), which emits the file and gives its URL
// to pass to `init({ wasm })`.
import wasm from 'rolegate/rolegate_bg.wasm';
import { init, Rolegate } from 'rolegate';
import { applyGates, installFailClosedStyle } from 'rolegate/dom';

installFailClosedStyle(document);
const user = new URLSearchParams(location.search).get('user') ?? 'ann';
document.getElementById('who').textContent = user;

async function start() {
  await init({ wasm });
  const snapshot = await (await fetch('/org.json')).json();
  const counts = applyGates(document, Rolegate.load(snapshot).user(user));
  document.body.dataset.ready = JSON.stringify(counts);
}
start().catch((e) => {
  document.body.dataset.error = String(e?.message ?? e);
});
