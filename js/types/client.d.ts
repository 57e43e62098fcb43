// `rolegate/client`: the lean client engine, reading the slice the server cut
// for the signed-in user.
import type { Ids, InitOptions, CheckContext, LoadOptions, RecordInput } from './common.js';
import { Prepared, UserGate } from './common.js';

export type * from './types.js';
export type { Ids, InitOptions, PermissionOf, UserOf, WasmSource, ExplainOptions, SliceErrorKind } from './common.js';
export type { CheckContext, LoadOptions, RecordInput, RecordFields, RecordReader, FieldOf } from './common.js';
export { Prepared, SliceError } from './common.js';

/**
 * Starts the client engine's wasm (`loadSlice` does it on first use). Call it
 * yourself to pass the `.wasm`, or to start it before the slice arrives.
 */
export declare function init(options?: InitOptions): Promise<void>;

/**
 * Reads the slice the server cut for the signed-in user (`gate.slice(user)`),
 * starting the client wasm on first use. `options.record`: how checks read
 * the app's records (as for `Rolegate.load`).
 * @throws {SliceError} when the bytes are not a slice this version reads
 * @throws {TypeError} when `options` are not options
 */
export declare function loadSlice<T extends Ids = Ids, R = RecordInput>(bytes: Uint8Array | ArrayBuffer, options?: LoadOptions<R>): Promise<ClientGate<T, R>>;

/**
 * Reads a slice synchronously, once the wasm is started (`await init()`; in
 * Node it starts on first use).
 * @throws {SliceError} when the bytes are not a slice this version reads
 * @throws {TypeError} when `options` are not options
 */
export declare function readSlice<T extends Ids = Ids, R = RecordInput>(bytes: Uint8Array | ArrayBuffer, options?: LoadOptions<R>): ClientGate<T, R>;

/**
 * One user's decisions, from their slice: a `UserGate` over the client
 * engine, plus `prepare` and `fingerprint`. Decisions never throw. A name the
 * slice does not hold is someone or something of the org out of the user's reach.
 */
export declare class ClientGate<T extends Ids = Ids, R = RecordInput> extends UserGate<T, R> {
  private constructor();
  /** The fingerprint of the snapshot the slice was cut from (16 hex digits). */
  readonly fingerprint: string;
  /**
   * Resolves `context` once for many checks (pass it wherever a context goes).
   * @throws {TypeError} naming the offending field when `context` is not a context
   */
  prepare(context: CheckContext<R>): Prepared<R>;
}
