// `rolegate/client` for browsers and bundlers: the lean client engine. The
// wasm (next to this file; bundlers resolve the URL) is fetched and started
// by the first `loadSlice` (or `init()`), not at import: importing never blocks.
import { instance, readSlice } from './client-gate.js';

instance.url = () => new URL('./rolegate_client_bg.wasm', import.meta.url);

/**
 * Reads the slice the server cut for the signed-in user (`gate.slice(user)`),
 * starting the client wasm on first use.
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
