// `rolegate/client` for Node: the lean client engine, its wasm read from
// disk and started by the first `loadSlice` (importing does nothing).
import { readFileSync } from 'node:fs';
import { initSync } from './rolegate_client.js';
import { readSlice } from './client-gate.js';

let started = false;

/**
 * Reads the slice the server cut for a user (`gate.slice(user)`), starting
 * the client wasm on first use.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @returns {Promise<import('./client-gate.js').ClientGate>}
 * @throws {import('./slice-error.js').SliceError} when the bytes are not a slice this version reads
 */
export async function loadSlice(bytes) {
  if (!started) {
    initSync({ module: readFileSync(new URL('./rolegate_client_bg.wasm', import.meta.url)) });
    started = true;
  }
  return readSlice(bytes);
}

export { ClientGate, Prepared, SliceError } from './client-gate.js';
