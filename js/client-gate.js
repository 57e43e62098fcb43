// `ClientGate`: the signed-in user's decisions from their slice, over the
// lean client wasm (`rolegate_client.js`, the crate's `client` feature). The
// same contexts, codes and messages as the full engine's `UserGate`.
import start, { Core, initSync, __rolegate_restart } from './rolegate_client.js';
import { Instance, Shared, Prepared, UserGate, FREED } from './instance.js';
import { SliceError, asSliceError } from './slice-error.js';
import { readRecords } from './context-buffer.js';

export { Prepared, SliceError };

/** The client engine's wasm instance (an entry says where its `.wasm` is). */
export const instance = new Instance({ init: start, initSync, restart: __rolegate_restart }, 'rolegate/client');

/**
 * Starts the client engine's wasm (`loadSlice` does it on first use). Call it
 * yourself to pass the `.wasm` (`{ wasm }`: URL, `Response`, bytes or
 * `WebAssembly.Module`), or to start it early, before the slice arrives.
 * @param {import('./instance.js').InitOptions} [options]
 * @returns {Promise<void>}
 */
export function init(options) {
  return instance.init(options);
}

/**
 * @typedef {import('./rolegate_client.js').Context} Context
 * @typedef {import('./rolegate_client.js').Explanation} Explanation
 */

/** Bytes as a `Uint8Array` (a view of an `ArrayBuffer` or another view). */
function bytesOf(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new SliceError('expected the slice as a Uint8Array or ArrayBuffer', 'not_a_slice');
}

/**
 * Reads a slice (its wasm must be started). `loadSlice` of the entry starts
 * it first.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {import('./gate.js').LoadOptions} [options] `record`: how checks read the app's records
 * @returns {ClientGate}
 * @throws {TypeError} when `options` are not options
 */
export function readSlice(bytes, options) {
  const reading = readRecords(options);
  instance.ready();
  const data = bytesOf(bytes);
  const once = () => new ClientGate(Core.fromSlice(data), reading);
  try {
    return instance.guarded(once, once);
  } catch (e) {
    throw asSliceError(e);
  }
}

/**
 * One user's decisions, from the slice the server cut for them
 * (`gate.slice(user)`): a `UserGate` (`can`, `explain`, `permissions`, `id`,
 * `free`) over the client engine, plus `prepare` and `fingerprint`.
 * Decisions never throw. A name the slice does not hold (a record owner, a
 * team, a unit) is someone or something of the org out of the user's reach.
 */
export class ClientGate extends UserGate {
  /** @type {Shared | typeof FREED} */ #own;

  /** Use `loadSlice(bytes)`. @param {Core} core @param {any} reading @private */
  constructor(core, reading) {
    if (!(core instanceof Core)) throw new TypeError('use loadSlice(bytes)');
    const shared = instance.guarded(() => new Shared(core, instance, reading), () => FREED);
    super(shared, core.sliceId());
    this.#own = shared;
    /** The fingerprint of the snapshot the slice was cut from (16 hex digits). @type {string} */
    this.fingerprint = core.fingerprint();
  }

  /**
   * Resolves `context` once for many checks (pass it wherever a context goes).
   * @param {Context} context
   * @returns {Prepared}
   * @throws {TypeError} naming the offending field when `context` is not a context
   */
  prepare(context) {
    return this.#own.prepare(context);
  }

  /** Releases the engine now; it may not be used afterwards. */
  free() {
    this.#own = FREED;
    super.free();
  }
}
