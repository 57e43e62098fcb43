// The browser / bundler / no-bundler entry: fetches the .wasm next to this
// file (bundlers such as Vite and webpack resolve the URL) and initialises it
// with a top-level await, so importers get a ready `Rolegate`.
import init, { Rolegate, UserGate } from './rolegate.js';
import { install } from './fast-path.js';

await init({ module_or_path: new URL('./rolegate_bg.wasm', import.meta.url) });
install(Rolegate, UserGate);

// Everything the glue exports (the classes and, for TypeScript, every type:
// Snapshot, Context, Explanation...); its initialisers are idempotent.
export * from './rolegate.js';
export { SnapshotError } from './snapshot-error.js';
