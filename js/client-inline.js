// `rolegate/client/inline`: the client engine with its .wasm inlined in the
// JS (base64), for a tool that emits no .wasm (see `rolegate/inline`).
import { instance, readSlice } from './client-gate.js';
import { inlined } from './inline-wasm.js';
import wasm from './rolegate_client_bg.wasm.inline.js';

instance.inline = () => inlined(wasm);

/**
 * Reads the slice the server cut for the signed-in user (`gate.slice(user)`),
 * starting the client wasm on first use.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {import('./gate.js').LoadOptions} [options] `record`: how checks read the app's records
 * @returns {Promise<import('./client-gate.js').ClientGate>}
 */
export async function loadSlice(bytes, options) {
  await instance.init();
  return readSlice(bytes, options);
}

export { init, readSlice, ClientGate, Prepared, SliceError } from './client-gate.js';
