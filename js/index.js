// The browser / bundler / no-bundler entry. Importing it never blocks: the
// wasm (next to this file; bundlers such as Vite and webpack resolve the URL)
// is fetched by `await init()` (or `await Rolegate.init()`), once, before the
// first `Rolegate.load`; everything after that is synchronous.
import { instance } from './gate.js';

instance.url = () => new URL('./rolegate_bg.wasm', import.meta.url);

export { init, Rolegate, UserGate, Prepared } from './gate.js';
export { SnapshotError } from './snapshot-error.js';
export { SliceError } from './slice-error.js';
