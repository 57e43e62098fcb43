// The package's classes: `Rolegate` (a loaded snapshot), `UserGate` (the
// signed-in user's handle) and `Prepared` (a context resolved once). Each is
// a thin layer over the wasm `Core`: names are cached as indexes and a
// context crosses as numbers (`ContextBuffer`), so the hot path is one
// integer call; everything else is decided, and put into words, by the engine.
import { Core } from './rolegate.js';
import { ContextBuffer } from './context-buffer.js';
import { asSnapshotError } from './snapshot-error.js';

/**
 * @typedef {import('./rolegate.js').Context} Context
 * @typedef {import('./rolegate.js').Explanation} Explanation
 */

/** Prepared contexts that were dropped without `free()`. */
const dropped = new FinalizationRegistry(({ core, id }) => release(core, id));

/** Forgets prepared context `id`; nothing to do once its engine is freed. */
function release(core, id) {
  try {
    core.release(id);
  } catch {
    // the engine was freed first, and its prepared contexts with it
  }
}

/**
 * One `Core` shared by a `Rolegate` and its user handles: each holds a
 * reference, and the last `free()` frees the engine (otherwise it is freed
 * when garbage-collected).
 */
class Shared {
  constructor(core) {
    this.core = core;
    this.buffer = new ContextBuffer(core);
    this.refs = 1;
  }

  /** A check by index; `user`/`permission` are the names, for the engine's reading of a context the buffer cannot hold. */
  check(u, p, context, user, permission) {
    let mode = 0;
    if (context instanceof Prepared) mode = context.handle(this.core);
    else if (context !== undefined && context !== null) {
      let written = false;
      try {
        written = this.buffer.write(context);
      } catch {
        // a getter threw: the engine reads the context itself, and denies
      }
      if (!written) return this.core.checkValue(user, permission, context);
      mode = 1;
    }
    // An unknown name is -1, which wraps to an index the engine denies.
    return this.core.check(u >>> 0, p >>> 0, mode);
  }

  explain(user, permission, context) {
    if (context instanceof Prepared) return this.core.explain(user, permission, undefined, context.handle(this.core));
    return this.core.explain(user, permission, context, 0);
  }

  permissions(user, context) {
    if (context instanceof Prepared) return this.core.permissions(user, undefined, context.handle(this.core));
    return this.core.permissions(user, context, 0);
  }

  /** Drops one reference; the last frees the engine. */
  release() {
    if (--this.refs === 0) this.core.free();
  }
}

/** What a freed `Rolegate` or `UserGate` holds: every use throws. */
const FREED = new Proxy({}, {
  get() {
    throw new Error('rolegate: this engine was freed');
  },
});

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

  /** Use `Rolegate.load` or `Rolegate.fromJson`. @param {Core} core @private */
  constructor(core) {
    if (!(core instanceof Core)) throw new TypeError('use Rolegate.load(snapshot) or Rolegate.fromJson(text)');
    this.#shared = new Shared(core);
  }

  /**
   * Loads a snapshot object `{ model, org }`.
   * @param {import('./rolegate.js').Snapshot} snapshot
   * @returns {Rolegate}
   * @throws {import('./snapshot-error.js').SnapshotError} with every problem of the snapshot
   */
  static load(snapshot) {
    try {
      return new Rolegate(Core.load(snapshot));
    } catch (e) {
      throw asSnapshotError(e);
    }
  }

  /**
   * Loads a snapshot from JSON text.
   * @param {string} text
   * @returns {Rolegate}
   * @throws {import('./snapshot-error.js').SnapshotError} with every problem of the snapshot
   */
  static fromJson(text) {
    try {
      return new Rolegate(Core.fromJson(text));
    } catch (e) {
      throw asSnapshotError(e);
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
   * @returns {Explanation}
   */
  explain(user, permission, context) {
    return this.#shared.explain(user, permission, context);
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
   * @returns {UserGate}
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
    const core = this.#shared.core;
    return new Prepared(core, core.prepare(context), context);
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
    return this.#shared.core.canAssign(actor, role, target);
  }

  /** Seats of each type: used vs purchased, with their holders. @returns {import('./rolegate.js').SeatUsage[]} */
  seats() {
    return this.#shared.core.seats();
  }

  /** The role x permission matrix, for an admin screen. @returns {import('./rolegate.js').Matrix} */
  matrix() {
    return this.#shared.core.matrix();
  }

  /** Non-fatal problems of the snapshot, e.g. more seats used than purchased. @returns {import('./rolegate.js').Problem[]} */
  warnings() {
    return this.#shared.core.warnings();
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

/** The signed-in user's handle: `can`, `explain` and `permissions` without naming the user each time. */
export class UserGate {
  /** @type {Shared} */ #shared;
  /** @type {number} */ #index;
  /** @type {Uint32Array | undefined} */ #mask;

  /** Use `gate.user(id)`. @param {Shared} shared @param {string} id @private */
  constructor(shared, id) {
    this.#shared = shared;
    this.#index = shared.buffer.users.index(id);
    /** The user's id. @type {string} */
    this.id = id;
  }

  /**
   * May this user do `permission` (in `context`)?
   * @param {string} permission
   * @param {Context | Prepared} [context]
   * @returns {boolean}
   */
  can(permission, context) {
    const s = this.#shared;
    const p = s.buffer.permissions.index(permission);
    if (context === undefined || context === null) {
      // Without context the answer is a bit of the user's permission mask,
      // computed once (the engine never changes); an unknown index reads 0.
      const mask = (this.#mask ??= s.core.permissionMask(this.#index >>> 0));
      return ((mask[p >>> 5] >>> (p & 31)) & 1) === 1;
    }
    return s.check(this.#index, p, context, this.id, permission);
  }

  /**
   * The decision with its reason, in data (`code`) and words (`message`).
   * @param {string} permission
   * @param {Context | Prepared} [context]
   * @returns {Explanation}
   */
  explain(permission, context) {
    return this.#shared.explain(this.id, permission, context);
  }

  /**
   * Every permission this user holds (in `context`).
   * @param {Context | Prepared} [context]
   * @returns {string[]}
   */
  permissions(context) {
    return this.#shared.permissions(this.id, context);
  }

  /** Releases this handle's hold on the engine. */
  free() {
    const s = this.#shared;
    this.#shared = FREED;
    s.release();
  }

  /** `using me = gate.user(...)` frees it at the end of the block. */
  [Symbol.dispose]() {
    this.free();
  }
}

/** A number no engine gives to a prepared context: every check of it denies. */
const NO_HANDLE = 0xffffffff;

/** A context prepared by `gate.prepare(context)`: names and record attributes resolved once. */
export class Prepared {
  #core;
  #id;
  #token = {};

  /** Use `gate.prepare(context)`. @private */
  constructor(core, id, context) {
    this.#core = core;
    this.#id = id;
    /** The context as it was given. @type {Context | undefined} */
    this.context = context;
    dropped.register(this, { core, id }, this.#token);
  }

  /** Its number in `core`'s store, or one that denies: freed, or prepared by another engine. */
  handle(core) {
    return core === this.#core ? this.#id : NO_HANDLE;
  }

  /** Forgets it now (otherwise when garbage-collected); checks of it then deny. */
  free() {
    if (this.#id === NO_HANDLE) return;
    dropped.unregister(this.#token);
    release(this.#core, this.#id);
    this.#id = NO_HANDLE;
  }

  /** `using p = gate.prepare(...)` frees it at the end of the block. */
  [Symbol.dispose]() {
    this.free();
  }
}
