// Declarations shared by the package's public entries. Written by hand (the
// snapshot, context and answer types come from the Rust types, in
// `types.d.ts`): they name no DOM or WebAssembly global, so they compile in
// a server project without the DOM lib, with `skipLibCheck: false` and with
// `exactOptionalPropertyTypes`.
import type { Explanation, RecordData, Snapshot } from './types.js';

declare global {
  interface SymbolConstructor {
    /** `using` (TC39 explicit resource management), as `lib.esnext.disposable` declares it. */
    readonly dispose: unique symbol;
  }
}

/**
 * The ids an app's model defines, to type checks with: pass them as the type
 * parameter of `Rolegate.load<Ids>()` or `loadSlice<Ids>()` and a misspelt
 * permission is a compile error. `npx rolegate types snapshot.json` writes
 * them from a snapshot; every member is optional (absent: `string`).
 */
export interface Ids {
  permission?: string;
  role?: string;
  user?: string;
}

/** The permission ids of `T` (`string` when it does not say). */
export type PermissionOf<T extends Ids> = T extends { permission: infer P extends string } ? P : string;
/** The role ids of `T`. */
export type RoleOf<T extends Ids> = T extends { role: infer R extends string } ? R : string;
/** The user ids of `T`. */
export type UserOf<T extends Ids> = T extends { user: infer U extends string } ? U : string;

/**
 * A snapshot as TypeScript types a JSON import of it (`import org from
 * './org.json'`): its string unions widened to `string`. The engine checks
 * it when it loads, with every problem at its JSON path. A map's values
 * (`attributes`) may be `undefined`: TypeScript types the objects of a JSON
 * array as a union in which each lacks the others' keys as `?: undefined`.
 */
export type SnapshotJson = Loose<Snapshot>;
type Loose<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Loose<U>[]
    : T extends object
      ? string extends keyof T
        ? { [K in keyof T]: Loose<T[K]> | undefined }
        : { [K in keyof T]: Loose<T[K]> }
      : T;

/** The `.wasm` of an engine, for a tool that does not serve it next to the package's JS. */
export type WasmSource =
  /** Its URL (a path in Node). */
  | string
  | { readonly href: string }
  /** A fetch `Response` of it (or a promise of one). */
  | { arrayBuffer(): Promise<ArrayBuffer> }
  | PromiseLike<{ arrayBuffer(): Promise<ArrayBuffer> }>
  /** Its bytes. */
  | ArrayBuffer
  | ArrayBufferView
  /** A compiled `WebAssembly.Module`. */
  | object;

/**
 * A record as the app holds it, read without a `record` option: `owner`,
 * `team` and `unit` (ids) and `attributes` where rolegate reads them, and,
 * when it has no `attributes`, its other fields as its attributes. Fields no
 * condition of the model reads are ignored, whatever they hold.
 */
export type RecordInput = (RecordData & { readonly [key: string]: unknown }) | (RecordData & object);

/**
 * The names of `R`'s fields (any name for records of no particular type).
 * Field names never infer `R`: give it (`Rolegate.load<Ids, Call>`) to check them.
 */
export type FieldOf<R> = NotInferred<R> extends infer T ? (RecordInput extends T ? string : T extends object ? Extract<keyof T, string> : string) : string;
/** `T`, in a position that TypeScript does not infer it from (`NoInfer`, before TypeScript 5.4). */
type NotInferred<T> = [T][T extends unknown ? 0 : never];

/**
 * Where the app's records hold what rolegate reads, by field name:
 * `{ owner: 'ownerId', team: 'teamId', unit: 'siteId', attributes: 'fields' }`.
 * A field not named is read from its own name; the attributes, when not
 * named, from `attributes` or else the record's other fields.
 */
export interface RecordFields<R = RecordInput> {
  owner?: FieldOf<R> | undefined;
  team?: FieldOf<R> | undefined;
  unit?: FieldOf<R> | undefined;
  attributes?: FieldOf<R> | undefined;
}

/**
 * How a gate reads the app's records (the `record` option of a load): field
 * names, or a function from the app's record to rolegate's (its result is
 * read as a record without the option; `null` or `undefined`: no record).
 */
export type RecordReader<R = RecordInput> = RecordFields<R> | ((record: R) => RecordInput | null | undefined);

/** Options of `Rolegate.load`, `Rolegate.fromJson`, `loadSlice` and `readSlice`. */
export interface LoadOptions<R = RecordInput> {
  /** How every check of the gate reads the app's records (default: as they come, see `RecordInput`). */
  record?: RecordReader<R> | undefined;
}

/**
 * Where a check is asked: at a unit, for a team, about a record, the app's
 * own (`R`, read as the gate's `record` option says). All optional; the
 * empty context asks "may the user do it at all".
 */
export interface CheckContext<R = RecordInput> {
  /** The unit (location) the user is working at. */
  unit?: string | undefined;
  /** The team the action concerns. */
  team?: string | undefined;
  /** The record the action is on; `null` is none. */
  record?: R | null | undefined;
}

/** Options of `init`. */
export interface InitOptions {
  /** The engine's `.wasm` (default: the file next to the entry, fetched in browsers, read from disk in Node). */
  wasm?: WasmSource | undefined;
}

/** The options of `explain`. */
export interface ExplainOptions {
  /** The language of `message` (default: the model's `locale`). */
  locale?: 'en' | 'fr' | undefined;
}

/** A context prepared by `gate.prepare(context)`: names and record attributes resolved once. */
export declare class Prepared<R = RecordInput> {
  private constructor();
  /** The context as it was given. */
  readonly context: CheckContext<R> | undefined;
  /** Forgets it now (otherwise when garbage-collected); checks of it then deny. */
  free(): void;
  /** `using p = gate.prepare(...)` frees it at the end of the block. */
  [Symbol.dispose](): void;
}

/**
 * The signed-in user's handle: `can`, `explain` and `permissions` without
 * naming the user each time. `R` is the app's record type (see `LoadOptions`).
 */
export declare class UserGate<T extends Ids = Ids, R = RecordInput> {
  protected constructor();
  /** The user's id. */
  readonly id: UserOf<T>;
  /** May this user do `permission` (in `context`)? Never throws: anything unknown or malformed denies. */
  can(permission: PermissionOf<T>, context?: CheckContext<R> | Prepared<R> | null): boolean;
  /** The decision with its reason, in data (`code`) and words (`message`). */
  explain(permission: PermissionOf<T>, context?: CheckContext<R> | Prepared<R> | null, options?: ExplainOptions): Explanation;
  /** Every permission this user holds (in `context`), in model order. */
  permissions(context?: CheckContext<R> | Prepared<R> | null): PermissionOf<T>[];
  /** Releases this handle's hold on the engine. */
  free(): void;
  /** `using me = gate.user(...)` frees it at the end of the block. */
  [Symbol.dispose](): void;
}

/** What is wrong with bytes given as a slice, as data. */
export type SliceErrorKind = 'not_a_slice' | 'version' | 'truncated' | 'corrupt' | 'malformed' | 'unknown_user';

/**
 * The error `loadSlice` (and `gate.slice`) throw: bytes that are not a slice
 * this version reads (truncated, corrupted, of another format version), or a
 * slice of a user the snapshot does not have.
 */
export declare class SliceError extends Error {
  constructor(message: string, kind: SliceErrorKind);
  /** What is wrong, as data. */
  readonly kind: SliceErrorKind;
}
