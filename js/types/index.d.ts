// `rolegate`: the full engine (Node, browsers, bundlers).
import type { AssignTarget, Explanation, Matrix, Problem, SeatUsage, Snapshot } from './types.js';
import type { Ids, InitOptions, PermissionOf, RoleOf, SnapshotJson, UserOf, ExplainOptions, CheckContext, LoadOptions, RecordInput } from './common.js';
import { Prepared, UserGate } from './common.js';
import type { Filter } from './filter.js';

export type * from './types.js';
export type { Ids, InitOptions, PermissionOf, RoleOf, UserOf, SnapshotJson, WasmSource, ExplainOptions, SliceErrorKind } from './common.js';
export type { CheckContext, LoadOptions, RecordInput, RecordFields, RecordReader, FieldOf } from './common.js';
export { Prepared, UserGate, SliceError } from './common.js';
export type { Filter, FieldTest, UnitTest, AttributeTest } from './filter.js';

/**
 * Starts the engine's wasm: once, before the first `Rolegate.load` in a
 * browser (Node starts it on first use; calling it there is harmless).
 * Importing `rolegate` never blocks; this is the one asynchronous step.
 */
export declare function init(options?: InitOptions): Promise<void>;

/**
 * The error `Rolegate.load` and `Rolegate.fromJson` throw for a snapshot that
 * breaks the model, with every problem found at once.
 */
export declare class SnapshotError extends Error {
  constructor(message: string, problems: Problem[]);
  /** Every problem, each with its JSON path, in document order. */
  readonly problems: Problem[];
}

/**
 * A loaded organisation snapshot, compiled once and asked many times.
 *
 * Decisions (`can`, `explain`, `permissions`, `canAssign`) never throw:
 * unknown or malformed users, permissions and contexts deny, with a code
 * saying so. Call `free()` (or declare it with `using`) when done; otherwise
 * the engine is freed when garbage-collected.
 *
 * `T` types the model's ids (see `Ids`): `Rolegate.load<AppIds>(snapshot)`;
 * `R` the app's records, read as the `record` option of the load says:
 * `Rolegate.load<AppIds, Call>(snapshot, { record: (c: Call) => ({ owner: c.ownerId }) })`.
 */
export declare class Rolegate<T extends Ids = Ids, R = RecordInput> {
  private constructor();
  /** Starts the engine's wasm (see `init`): `await Rolegate.init()` once, then load synchronously. */
  static init(options?: InitOptions): Promise<void>;
  /** Whether the wasm is started (`Rolegate.load` works now). */
  static readonly ready: boolean;
  /**
   * Loads a snapshot object `{ model, org }` (typed, or as imported from JSON).
   * `options.record`: how checks read the app's records.
   * @throws {SnapshotError} with every problem of the snapshot
   * @throws {TypeError} when `options` are not options
   */
  static load<T extends Ids = Ids, R = RecordInput>(snapshot: Snapshot | SnapshotJson, options?: LoadOptions<R>): Rolegate<T, R>;
  /**
   * Loads a snapshot from JSON text. `options.record`: how checks read the app's records.
   * @throws {SnapshotError} with every problem of the snapshot
   * @throws {TypeError} when `options` are not options
   */
  static fromJson<T extends Ids = Ids, R = RecordInput>(text: string, options?: LoadOptions<R>): Rolegate<T, R>;
  /**
   * What changes between two snapshots of one org (each a loaded `Rolegate`
   * or a snapshot object): per user and grouped by change.
   * @throws {SnapshotError} when a snapshot object does not load
   */
  static diff(before: Rolegate<any, any> | Snapshot | SnapshotJson, after: Rolegate<any, any> | Snapshot | SnapshotJson): Diff;
  /** May `user` do `permission` (in `context`)? */
  can(user: UserOf<T>, permission: PermissionOf<T>, context?: CheckContext<R> | Prepared<R> | null): boolean;
  /**
   * The decision with its reason: the role and place that allowed it, or
   * what is missing, in data (`code`) and words (`message`).
   */
  explain(user: UserOf<T>, permission: PermissionOf<T>, context?: CheckContext<R> | Prepared<R> | null, options?: ExplainOptions): Explanation;
  /** Every permission `user` holds (in `context`), in model order. */
  permissions(user: UserOf<T>, context?: CheckContext<R> | Prepared<R> | null): PermissionOf<T>[];
  /**
   * A handle bound to one user, for the many checks of one page. An unknown
   * user gets a handle that denies everything. It keeps the engine alive:
   * `free()` it too, or leave it to the garbage collector.
   */
  user(id: UserOf<T>): UserGate<T, R>;
  /**
   * Resolves `context` once for many checks (pass it wherever a context
   * goes). `free()` it when done (or declare it with `using`).
   * @throws {TypeError} naming the offending field when `context` is not a context
   */
  prepare(context: CheckContext<R>): Prepared<R>;
  /**
   * May `actor` give `role` to `target` (a user, at a unit or team)? Denies
   * with `escalation` when the role grants more than the actor holds, and
   * with `would_be_invalid` when the assignment would break the org's rules.
   */
  canAssign(actor: UserOf<T>, role: RoleOf<T>, target?: AssignTarget): Explanation;
  /**
   * Which records `user` may do `permission` on (in `context`: its unit and
   * team; a record in it is ignored): a condition a record meets exactly when
   * `can(user, permission, { ...context, record })` is true, for a query
   * (`toSql`, `toPrisma` of `rolegate/filter`). Unknown names give `false`.
   */
  filter(user: UserOf<T>, permission: PermissionOf<T>, context?: CheckContext<R> | null): Filter;
  /**
   * User `user`'s slice: a compact image of only what their decisions need,
   * for `loadSlice` of `rolegate/client` in their browser.
   * @throws {SliceError} when the snapshot has no such user
   */
  slice(user: UserOf<T>): Uint8Array;
  /** A digest of the snapshot's content, 16 hex digits (a slice carries it too). */
  readonly fingerprint: string;
  /** Seats of each type: used vs purchased, with their holders. */
  seats(): SeatUsage[];
  /** The role x permission matrix, for an admin screen. */
  matrix(): Matrix;
  /** Non-fatal problems of the snapshot, e.g. more seats used than purchased. */
  warnings(): Problem[];
  /** Releases the engine now (once its user handles are freed too); it may not be used afterwards. */
  free(): void;
  /** `using gate = Rolegate.load(...)` frees it at the end of the block. */
  [Symbol.dispose](): void;
}

/** What changes between two snapshots of an org (`Rolegate.diff`). */
export interface Diff {
  /** Every user added, removed or whose decisions change: the later snapshot's in its order, then the removed ones. */
  users: UserDiff[];
  /** The same changes grouped by change (most users first), in words. */
  summary: DiffSummaryLine[];
}

/** One user's changes. */
export interface UserDiff {
  user: string;
  status: 'added' | 'removed' | 'changed';
  /** Permissions allowed without context now and not before (model order); all they hold, for an added user. */
  gained: string[];
  /** Permissions allowed without context before and not now; all they held, for a removed user. */
  lost: string[];
  /** Units of both snapshots where the gains and losses with `{ unit }` differ from `gained` and `lost`. */
  units: { unit: string; gained: string[]; lost: string[] }[];
  /** Record-scoped permissions held in both whose reach changes. */
  scopes: DiffScope[];
  /** Restrictions that deny the user now and did not before. */
  restrictionsStarted: string[];
  /** Restrictions that denied the user before and do not now. */
  restrictionsStopped: string[];
  seatsGained: string[];
  seatsLost: string[];
}

/** How the records one user may act on with one permission change. */
export interface DiffScope {
  permission: string;
  change: 'widened' | 'narrowed' | 'changed';
  /** Users whose records (`{ record: { owner } }`) are allowed now and not before. */
  ownersGained: string[];
  ownersLost: string[];
  /** Teams whose records (`{ record: { team } }`) are allowed now and not before. */
  teamsGained: string[];
  teamsLost: string[];
  /** The change in words ("now sees records of team Sales"). */
  messages: string[];
}

/** One change and the users it happens to. */
export interface DiffSummaryLine {
  change: 'added' | 'removed' | 'gains' | 'loses' | 'gains_at_unit' | 'loses_at_unit' | 'gains_team' | 'loses_team' | 'gains_owners' | 'loses_owners' | 'restriction_starts' | 'restriction_stops' | 'takes_seat' | 'frees_seat';
  /** The permission, restriction or seat it is about. */
  subject?: string | undefined;
  /** The unit or team, for `*_at_unit` and `*_team`. */
  place?: string | undefined;
  users: string[];
  /** The line in words, in the later snapshot's locale ("12 users lose Record calls"). */
  message: string;
}
