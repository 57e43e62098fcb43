// Declarations shared by the package's public entries. Written by hand (the
// snapshot, context and answer types come from the Rust types, in
// `types.d.ts`): they name no DOM or WebAssembly global, so they compile in
// a server project without the DOM lib, with `skipLibCheck: false` and with
// `exactOptionalPropertyTypes`.
import type { Context, Explanation, Snapshot } from './types.js';

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
 * it when it loads, with every problem at its JSON path.
 */
export type SnapshotJson = Loose<Snapshot>;
type Loose<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Loose<U>[]
    : T extends object
      ? { [K in keyof T]: Loose<T[K]> }
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
export declare class Prepared {
  private constructor();
  /** The context as it was given. */
  readonly context: Context | undefined;
  /** Forgets it now (otherwise when garbage-collected); checks of it then deny. */
  free(): void;
  /** `using p = gate.prepare(...)` frees it at the end of the block. */
  [Symbol.dispose](): void;
}

/** The signed-in user's handle: `can`, `explain` and `permissions` without naming the user each time. */
export declare class UserGate<T extends Ids = Ids> {
  protected constructor();
  /** The user's id. */
  readonly id: UserOf<T>;
  /** May this user do `permission` (in `context`)? Never throws: anything unknown or malformed denies. */
  can(permission: PermissionOf<T>, context?: Context | Prepared | null): boolean;
  /** The decision with its reason, in data (`code`) and words (`message`). */
  explain(permission: PermissionOf<T>, context?: Context | Prepared | null, options?: ExplainOptions): Explanation;
  /** Every permission this user holds (in `context`), in model order. */
  permissions(context?: Context | Prepared | null): PermissionOf<T>[];
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
