// The package's classes: `Rolegate` (a loaded snapshot), `UserGate` (the
// signed-in user's handle) and `Prepared` (a context resolved once). Each is
// a thin layer over the wasm `Core`: names are cached as indexes and a
// context crosses as numbers (`ContextBuffer`), so the hot path is one
// integer call; everything else is decided, and put into words, by the engine.
import { Core, __rolegate_restart as restartInstance } from './rolegate.js';
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

// A wasm instance that trapped (out of memory, most likely: the engine
// checks its limits and the memory a load needs before allocating, so little
// else can) may be in any state, and everything in its memory is lost. The
// package then starts a fresh instance of the same module: the engines of
// the old one are cut loose (their decisions deny with `engine_lost`, their
// other methods throw), and later loads work as before.

/** The engines of the current instance, to cut loose if it traps. */
const live = new Set();
const forget = new FinalizationRegistry((ref) => live.delete(ref));

/** What a lost engine answers: every decision denies, in these words. */
const LOST_WORDS = 'the engine was lost when its wasm instance failed (out of memory?) and the package restarted it: load the snapshot again';

/** Whether `e` is a trap of the wasm instance (then restarted). */
function trapped(e) {
  if (!(e instanceof WebAssembly.RuntimeError)) return false;
  for (const ref of live) ref.deref()?.cut();
  live.clear();
  restartInstance();
  return true;
}

/**
 * Runs `call`; if the instance traps, restarts it and returns `lost()`
 * instead (other errors are thrown as they are).
 */
function guarded(call, lost) {
  try {
    return call();
  } catch (e) {
    if (trapped(e)) return lost();
    throw e;
  }
}

/** A lost engine's name caches: every name is unknown. */
const LOST_BUFFER = { users: { index: () => -1 }, permissions: { index: () => -1 } };

/** A lost engine's explanation. */
const lostExplanation = () => ({ allowed: false, code: 'engine_lost', message: LOST_WORDS });

/** What a non-decision method of a lost engine throws. */
function lostError() {
  throw new Error(`rolegate: ${LOST_WORDS}`);
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
    /** Whether its instance failed (see `trapped`). */
    this.lost = false;
    this.ref = new WeakRef(this);
    live.add(this.ref);
    forget.register(this, this.ref, this);
  }

  /**
   * Cuts it loose from a failed instance: nothing calls into it again, and
   * the garbage collector does not free it there (`__destroy_into_raw`
   * forgets the pointer without calling the wasm).
   */
  cut() {
    this.lost = true;
    this.buffer = LOST_BUFFER;
    forget.unregister(this);
    try {
      this.core.__destroy_into_raw();
    } catch {
      // nothing to forget
    }
  }

  /** A check by index; `user`/`permission` are the names, for the engine's reading of a context the buffer cannot hold. */
  check(u, p, context, user, permission) {
    if (this.lost) return false;
    // The hot path: try/catch inline, no closure per check.
    try {
      return this.checkNow(u, p, context, user, permission);
    } catch (e) {
      if (trapped(e)) return false;
      throw e;
    }
  }

  checkNow(u, p, context, user, permission) {
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

  explain(user, permission, context, options) {
    if (this.lost) return lostExplanation();
    const core = this.core;
    const locale = typeof options?.locale === 'string' ? options.locale : undefined;
    if (context instanceof Prepared) return guarded(() => core.explain(user, permission, undefined, context.handle(core), locale), lostExplanation);
    return guarded(() => core.explain(user, permission, context, 0, locale), lostExplanation);
  }

  permissions(user, context) {
    if (this.lost) return [];
    const core = this.core;
    if (context instanceof Prepared) return guarded(() => core.permissions(user, undefined, context.handle(core)), () => []);
    return guarded(() => core.permissions(user, context, 0), () => []);
  }

  /** A decision that is not a check (`canAssign`): denies once lost. */
  decide(call) {
    if (this.lost) return lostExplanation();
    return guarded(() => call(this.core), lostExplanation);
  }

  /** Anything else the engine answers: throws once lost. */
  ask(call) {
    if (this.lost) lostError();
    return guarded(() => call(this.core), lostError);
  }

  /** Drops one reference; the last frees the engine. */
  release() {
    if (--this.refs > 0) return;
    live.delete(this.ref);
    forget.unregister(this);
    if (!this.lost) guarded(() => this.core.free(), () => undefined);
  }
}

/**
 * Loads with `load`, restarting the instance and trying once more if it
 * traps (a fresh instance has all its memory).
 * @param {() => Core} load
 */
function loading(load) {
  const once = () => new Rolegate(load());
  try {
    return guarded(once, once);
  } catch (e) {
    throw asSnapshotError(e);
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
    this.#shared = guarded(() => new Shared(core), lostError);
  }

  /**
   * Loads a snapshot object `{ model, org }`.
   * @param {import('./rolegate.js').Snapshot} snapshot
   * @returns {Rolegate}
   * @throws {import('./snapshot-error.js').SnapshotError} with every problem of the snapshot
   */
  static load(snapshot) {
    return loading(() => Core.load(snapshot));
  }

  /**
   * Loads a snapshot from JSON text.
   * @param {string} text
   * @returns {Rolegate}
   * @throws {import('./snapshot-error.js').SnapshotError} with every problem of the snapshot
   */
  static fromJson(text) {
    return loading(() => Core.fromJson(text));
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
    return this.#shared.ask((core) => new Prepared(core, core.prepare(context), context));
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
      if (s.lost) return false;
      const mask = (this.#mask ??= guarded(() => s.core.permissionMask(this.#index >>> 0), () => new Uint32Array(0)));
      return ((mask[p >>> 5] >>> (p & 31)) & 1) === 1;
    }
    return s.check(this.#index, p, context, this.id, permission);
  }

  /**
   * The decision with its reason, in data (`code`) and words (`message`).
   * @param {string} permission
   * @param {Context | Prepared} [context]
   * @param {{ locale?: 'en' | 'fr' }} [options] the language of `message` (default: the model's `locale`)
   * @returns {Explanation}
   */
  explain(permission, context, options) {
    return this.#shared.explain(this.id, permission, context, options);
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
