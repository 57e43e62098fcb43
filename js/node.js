// The Node entry: the same glue as the browser, initialised synchronously
// from the .wasm file on disk.
import { readFileSync } from 'node:fs';
import { initSync, Rolegate, UserGate } from './rolegate.js';
import { install } from './fast-path.js';

initSync({ module: readFileSync(new URL('./rolegate_bg.wasm', import.meta.url)) });
install(Rolegate, UserGate);

// Everything the glue exports (the classes and, for TypeScript, every type:
// Snapshot, Context, Explanation...); its initialisers are idempotent.
export * from './rolegate.js';
export { SnapshotError } from './snapshot-error.js';
