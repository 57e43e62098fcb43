// The Node entry: the same glue and classes as the browser's; the wasm is
// read from disk and started on first use (or by `await init()`), so
// importing never blocks and `Rolegate.load` works without an `await`.
import { fromDisk } from './node-wasm.js';
import { instance } from './gate.js';

fromDisk(instance, 'rolegate_bg.wasm', () => new URL('./rolegate_bg.wasm', import.meta.url));

export { init, Rolegate, UserGate, Prepared } from './gate.js';
export { SnapshotError } from './snapshot-error.js';
export { SliceError } from './slice-error.js';
