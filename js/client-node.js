// `rolegate/client` for Node: the lean client engine, its wasm read from
// disk and started on first use (importing does nothing).
import { fromDisk } from './node-wasm.js';
import { instance, readSlice } from './client-gate.js';

fromDisk(instance, 'rolegate_client_bg.wasm', () => new URL('./rolegate_client_bg.wasm', import.meta.url));

/**
 * Reads the slice the server cut for a user (`gate.slice(user)`), starting
 * the client wasm on first use.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {import('./gate.js').LoadOptions} [options] `record`: how checks read the app's records
 * @returns {Promise<import('./client-gate.js').ClientGate>}
 * @throws {import('./slice-error.js').SliceError} when the bytes are not a slice this version reads
 */
export async function loadSlice(bytes, options) {
  await instance.init();
  return readSlice(bytes, options);
}

export { init, readSlice, ClientGate, Prepared, SliceError } from './client-gate.js';
