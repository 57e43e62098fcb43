// How the Node entries find their `.wasm` on disk, synchronously, so that
// the engine starts on first use without an `await`. Bundlers that build for
// a Node server (Next.js, webpack) rewrite `new URL(..., import.meta.url)`
// into a URL of their own making, sometimes of another URL class or pointing
// at a web path: each place is tried in turn, and the error names them all.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A path given as a string or a `file:` URL (of any URL class), as a path. */
function pathOf(place) {
  const text = String(place);
  return text.startsWith('file:') ? fileURLToPath(text) : text;
}

/**
 * Tells `instance` to read `name` from disk: next to the entry as `url()`
 * says, next to this file, or in the app's `node_modules/rolegate`.
 * @param {import('./instance.js').Instance} instance
 * @param {string} name the file name, e.g. `rolegate_bg.wasm`
 * @param {() => URL} url the entry's `new URL('./<name>', import.meta.url)`
 */
export function fromDisk(instance, name, url) {
  instance.readPath = (place) => readFileSync(pathOf(place));
  instance.readSync = () => {
    const places = [
      () => pathOf(url()),
      () => join(dirname(fileURLToPath(String(import.meta.url))), name),
      () => join(process.cwd(), 'node_modules', 'rolegate', name),
    ];
    const tried = [];
    for (const place of places) {
      let path;
      try {
        path = place();
        return readFileSync(path);
      } catch (e) {
        tried.push(path ?? String(e?.message ?? e));
      }
    }
    throw new Error(`${instance.entry}: cannot read its ${name} (tried ${tried.join(', ')}); pass it yourself: \`await init({ wasm: bytesOrPath })\``);
  };
}
