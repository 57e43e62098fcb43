// The Node entry: the same glue as the browser, initialised synchronously
// from the .wasm file on disk.
import { readFileSync } from 'node:fs';
import { initSync } from './rolegate.js';

initSync({ module: readFileSync(new URL('./rolegate_bg.wasm', import.meta.url)) });

// The types of the snapshot, contexts and answers (Snapshot, Context,
// Explanation...) come with the glue; the classes are the JS layer's.
export * from './rolegate.js';
export { Rolegate, UserGate, Prepared } from './gate.js';
export { SnapshotError } from './snapshot-error.js';
export { SliceError } from './slice-error.js';
