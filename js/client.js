// `rolegate/client` for browsers and bundlers: the lean client engine. The
// wasm (next to this file; bundlers resolve the URL) is fetched and started
// by the first `loadSlice`, not at import: importing never blocks.
import init from './rolegate_client.js';
import { readSlice } from './client-gate.js';

let started;

/**
 * Reads the slice the server cut for the signed-in user (`gate.slice(user)`),
 * starting the client wasm on first use.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @returns {Promise<import('./client-gate.js').ClientGate>}
 * @throws {import('./slice-error.js').SliceError} when the bytes are not a slice this version reads
 */
export async function loadSlice(bytes) {
  started ??= init({ module_or_path: new URL('./rolegate_client_bg.wasm', import.meta.url) });
  await started;
  return readSlice(bytes);
}

export { ClientGate, Prepared, SliceError } from './client-gate.js';
