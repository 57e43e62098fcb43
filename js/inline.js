// `rolegate/inline`: the full engine with its .wasm inlined in the JS
// (base64), for a tool that emits no .wasm (esbuild, Rollup, `bun build`
// without the README's recipe). The download is bigger than the .wasm's
// (see the README) and compiles only once the whole script has arrived; in
// exchange nothing has to be served: `Rolegate.load` works without `init()`
// (it then compiles synchronously), `await init()` compiles asynchronously.
import { instance } from './gate.js';
import { inlined } from './inline-wasm.js';
import wasm from './rolegate_bg.wasm.inline.js';

instance.inline = () => inlined(wasm);

export { init, Rolegate, UserGate, Prepared } from './gate.js';
export { SnapshotError } from './snapshot-error.js';
export { SliceError } from './slice-error.js';
