// The package's classes: `Rolegate` (a loaded snapshot), `UserGate` (the
// signed-in user's handle) and `Prepared` (a context resolved once). Each is
// a thin layer over the wasm `Core`: names are cached as indexes and a
// context crosses as numbers (`ContextBuffer`), so the hot path is one
// integer call; everything else is decided, and put into words, by the engine.
import start, { Core, initSync, __rolegate_restart } from './rolegate.js';
import { Instance, Shared, Prepared, UserGate, FREED, lostError } from './instance.js';
import { asSnapshotError } from './snapshot-error.js';
import { asSliceError } from './slice-error.js';
import { readRecords } from './context-buffer.js';

export { Prepared, UserGate } from './instance.js';

/** The full engine's wasm instance (an entry says where its `.wasm` is). */
export const instance = new Instance({ init: start, initSync, restart: __rolegate_restart }, 'rolegate');

/**
 * Starts the engine's wasm: once, before the first `Rolegate.load` in a
 * browser (Node starts it on first use; calling it there is harmless).
 * Importing `rolegate` never blocks; this is the one asynchronous step.
 * @param {import('./instance.js').InitOptions} [options] `wasm`: the `.wasm`
 *   itself (URL, `Response`, bytes or `WebAssembly.Module`) for a tool that
 *   does not serve the file next to the package's JS
 * @returns {Promise<void>}
 */
export function init(options) {
  return instance.init(options);
}

/**
 * @typedef {import('./rolegate.js').Context} Context
 * @typedef {import('./rolegate.js').Explanation} Explanation
 */

/**
 * @typedef {object} LoadOptions
 * @property {{ owner?: string, team?: string, unit?: string, attributes?: string } | ((record: any) => any)} [record]
 *   How checks read the app's records: the names of the fields holding the
 *   owner, team, unit and attributes (`{ owner: 'ownerId' }`), or a function
 *   from the app's record to `{ owner?, team?, unit?, attributes? }`. Without
 *   it a record's `owner`, `team`, `unit` and `attributes` are read, and a
 *   record without `attributes` has its other fields as attributes.
 */

/**
 * Loads with `load`, restarting the instance and trying once more if it
 * traps (a fresh instance has all its memory).
 * @param {() => Core} load
 * @param {LoadOptions} [options]
 */
function loading(load, options) {
  const reading = readRecords(options);
  instance.ready();
  const once = () => new Rolegate(load(), reading);
  try {
    return instance.guarded(once, once);
  } catch (e) {
    throw asSnapshotError(e);
  }
}

/**
 * A context's unit and team (a record, which a filter is over, left out).
 * @param {unknown} context
 */
function placeOf(context) {
  if (context === null || typeof context !== 'object' || Array.isArray(context)) return context;
  /** @type {Record<string, unknown>} */
  const place = {};
  for (const [key, value] of Object.entries(context)) {
    if (key !== 'record' && value !== undefined) place[key] = value;
  }
  return place;
}

/**
 * A loaded organisation snapshot, compiled once and asked many times.
 *
 * Decisions (`can`, `explain`, `permissions`, `canAssign`) never throw:
 * unknown or malformed users, permissions and contexts deny, with a code
 * saying so. Call `free()` (or declare it with `using`) when done; otherwise
 * the engine is freed when garbage-collected.
 */
export class Rolegate {
  /** @type {Shared} */ #shared;

  /** Use `Rolegate.load` or `Rolegate.fromJson`. @param {Core} core @param {any} reading @private */
  constructor(core, reading) {
    if (!(core instanceof Core)) throw new TypeError('use Rolegate.load(snapshot) or Rolegate.fromJson(text)');
    this.#shared = instance.guarded(() => new Shared(core, instance, reading), lostError);
  }

  /**
   * Starts the engine's wasm (see `init`): `await Rolegate.init()` once,
   * then load synchronously.
   * @param {import('./instance.js').InitOptions} [options]
   * @returns {Promise<void>}
   */
  static init(options) {
    return instance.init(options);
  }

  /** Whether the wasm is started (`Rolegate.load` works now). @returns {boolean} */
  static get ready() {
    return instance.started;
  }

  /**
   * Loads a snapshot object `{ model, org }`.
   * @param {import('./rolegate.js').Snapshot} snapshot
   * @param {LoadOptions} [options] `record`: how checks read the app's records
   * @returns {Rolegate}
   * @throws {import('./snapshot-error.js').SnapshotError} with every problem of the snapshot
   * @throws {TypeError} when `options` are not options
   */
  static load(snapshot, options) {
    return loading(() => Core.load(snapshot), options);
  }

  /**
   * Loads a snapshot from JSON text.
   * @param {string} text
   * @param {LoadOptions} [options] `record`: how checks read the app's records
   * @returns {Rolegate}
   * @throws {import('./snapshot-error.js').SnapshotError} with every problem of the snapshot
   * @throws {TypeError} when `options` are not options
   */
  static fromJson(text, options) {
    return loading(() => Core.fromJson(text), options);
  }

  /**
   * What changes between two snapshots of one org: for every user added,
   * removed or whose decisions change, the permissions gained and lost
   * (without context and per unit), the records whose reach widens or
   * narrows, the restrictions that start or stop binding them and the seats
   * they take or free; and a summary grouped by change, in words. Each side
   * is a loaded `Rolegate` or a snapshot object (loaded for the comparison).
   * @param {Rolegate | import('./rolegate.js').Snapshot} before
   * @param {Rolegate | import('./rolegate.js').Snapshot} after
   * @returns {import('./rolegate.js').Diff}
   * @throws {import('./snapshot-error.js').SnapshotError} when a snapshot object does not load
   */
  static diff(before, after) {
    const owned = [];
    const gateOf = (side) => {
      if (side instanceof Rolegate) return side;
      const gate = Rolegate.load(side);
      owned.push(gate);
      return gate;
    };
    try {
      const [b, a] = [gateOf(before), gateOf(after)];
      return b.#shared.ask((core) => a.#shared.ask((other) => Core.diff(core, other)));
    } finally {
      for (const gate of owned) gate.free();
    }
  }

  /**
   * May `user` do `permission` (in `context`)?
   * @param {string} user
   * @param {string} permission
   * @param {Context | Prepared} [context]
   * @returns {boolean}
   */
  can(user, permission, context) {
    const s = this.#shared;
    const b = s.buffer;
    return s.check(b.users.index(user), b.permissions.index(permission), context, user, permission);
  }

  /**
   * The decision with its reason: the role and place that allowed it, or
   * what is missing, in data (`code`) and words (`message`).
   * @param {string} user
   * @param {string} permission
   * @param {Context | Prepared} [context]
   * @param {{ locale?: 'en' | 'fr' }} [options] the language of `message` (default: the model's `locale`)
   * @returns {Explanation}
   */
  explain(user, permission, context, options) {
    return this.#shared.explain(user, permission, context, options);
  }

  /**
   * Every permission `user` holds (in `context`), in model order.
   * @param {string} user
   * @param {Context | Prepared} [context]
   * @returns {string[]}
   */
  permissions(user, context) {
    return this.#shared.permissions(user, context);
  }

  /**
   * A handle bound to one user, for the many checks of one page. An
   * unknown user gets a handle that denies everything. It keeps the engine
   * alive: `free()` it too, or leave it to the garbage collector.
   * @param {string} id
   * @returns {import('./instance.js').UserGate}
   */
  user(id) {
    const s = this.#shared;
    s.refs++;
    return new UserGate(s, id);
  }

  /**
   * Resolves `context` once for many checks (pass it wherever a context
   * goes): the fastest way to check one record against several permissions
   * or users. `free()` it when done (or declare it with `using`).
   * @param {Context} context
   * @returns {Prepared}
   * @throws {TypeError} naming the offending field when `context` is not a context
   */
  prepare(context) {
    return this.#shared.prepare(context);
  }

  /**
   * May `actor` give `role` to `target` (a user, at a unit or team)?
   * Denies with `escalation` when the role grants more than the actor holds,
   * and with `would_be_invalid` (the message is the problem the next load
   * would report) when the assignment would break the org's rules.
   * @param {string} actor
   * @param {string} role
   * @param {import('./rolegate.js').AssignTarget} [target]
   * @returns {Explanation}
   */
  canAssign(actor, role, target) {
    return this.#shared.decide((core) => core.canAssign(actor, role, target));
  }

  /**
   * Which records `user` may do `permission` on (in `context`): a plain
   * JSON condition over a record's `owner`, `team`, `unit` and
   * attributes that a record meets exactly when `can(user, permission,
   * { ...context, record })` is true, for a database query (`toSql` and
   * `toPrisma` of `rolegate/filter`). `context` gives the check's unit and
   * team; a record in it is ignored. Unknown users, permissions and
   * context names give `false`; so does a malformed context.
   * @param {string} user
   * @param {string} permission
   * @param {{ unit?: string, team?: string }} [context]
   * @returns {import('./filter.js').Filter}
   */
  filter(user, permission, context) {
    const s = this.#shared;
    if (s.lost) return false;
    const place = placeOf(context);
    return s.instance.guarded(() => s.core.filter(user, permission, place), () => false);
  }

  /**
   * User `user`'s slice: a compact image of only what their decisions need
   * (their own data, the people, teams and units their scopes reach), for
   * `loadSlice` of `rolegate/client` in their browser. Cut it on the server
   * and send it instead of the snapshot.
   * @param {string} user
   * @returns {Uint8Array}
   * @throws {import('./slice-error.js').SliceError} when the snapshot has no such user
   */
  slice(user) {
    try {
      return this.#shared.ask((core) => core.slice(user));
    } catch (e) {
      throw asSliceError(e);
    }
  }

  /** A digest of the snapshot's content, 16 hex digits (a slice carries it too). @returns {string} */
  get fingerprint() {
    return this.#shared.ask((core) => core.fingerprint());
  }

  /** Seats of each type: used vs purchased, with their holders. @returns {import('./rolegate.js').SeatUsage[]} */
  seats() {
    return this.#shared.ask((core) => core.seats());
  }

  /** The role x permission matrix, for an admin screen. @returns {import('./rolegate.js').Matrix} */
  matrix() {
    return this.#shared.ask((core) => core.matrix());
  }

  /** Non-fatal problems of the snapshot, e.g. more seats used than purchased. @returns {import('./rolegate.js').Problem[]} */
  warnings() {
    return this.#shared.ask((core) => core.warnings());
  }

  /** Releases the engine now (once its user handles are freed too); it may not be used afterwards. */
  free() {
    const s = this.#shared;
    this.#shared = FREED;
    s.release();
  }

  /** `using gate = Rolegate.load(...)` frees it at the end of the block. */
  [Symbol.dispose]() {
    this.free();
  }
}


