// The browser / bundler / no-bundler entry: fetches the .wasm next to this
// file (bundlers such as Vite and webpack resolve the URL) and initialises it
// with a top-level await, so importers get a ready `Rolegate`.
import init from './rolegate.js';

await init({ module_or_path: new URL('./rolegate_bg.wasm', import.meta.url) });

// The types of the snapshot, contexts and answers (Snapshot, Context,
// Explanation...) come with the glue; the classes are the JS layer's.
export * from './rolegate.js';
export { Rolegate, UserGate, Prepared } from './gate.js';
export { SnapshotError } from './snapshot-error.js';
export { SliceError } from './slice-error.js';
