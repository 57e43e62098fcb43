// One wasm instance's objects, shared by the full engine (`gate.js`) and the
// client engine (`client-gate.js`): the engine handle behind a gate
// (`Shared`), a user's handle (`UserGate`, which `ClientGate` extends),
// prepared contexts (`Prepared`), and what happens when the instance traps
// (`Instance`).
import { ContextBuffer, Unreadable, relabel } from './context-buffer.js';

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

/**
 * @typedef {object} InitOptions
 * @property {string | URL | Response | Promise<Response> | ArrayBuffer | ArrayBufferView | WebAssembly.Module} [wasm]
 *   The engine's `.wasm` when the default location does not serve it (a tool
 *   that does not emit it, a CDN): its URL, a fetch `Response`, its bytes or
 *   a compiled `WebAssembly.Module`. In Node a string or `file:` URL is a path.
 */

/** A wasm instance: how it starts, its live engines, and how to start it again. */
export class Instance {
  /**
   * @param {{ init: (input: any) => Promise<unknown>, initSync: (input: any) => unknown, restart: () => void }} glue
   *   the wasm-bindgen glue's initialisers and rolegate's restart
   * @param {string} entry the package entry, for error messages
   */
  constructor(glue, entry) {
    this.glue = glue;
    this.entry = entry;
    this.restart = glue.restart;
    /** Whether the wasm is instantiated. */
    this.started = false;
    /** @type {Promise<void> | undefined} */
    this.starting = undefined;
    /** Where the entry finds the `.wasm` by default (a URL to fetch). @type {() => URL} */
    this.url = () => {
      throw new Error(`${entry}: no default location for the .wasm: pass it, \`await init({ wasm })\``);
    };
    /** In Node: reads the `.wasm` from disk, so that the engine can start on first use. @type {(() => Uint8Array) | undefined} */
    this.readSync = undefined;
    /** In Node: reads a path given as `wasm`. @type {((path: string | URL) => Uint8Array) | undefined} */
    this.readPath = undefined;
    /** The `.wasm` inlined in the JS (the `inline` entries). @type {(() => Uint8Array) | undefined} */
    this.inline = undefined;
    /** The engines of the current instance, to cut loose if it traps. */
    this.live = new Set();
    this.forget = new FinalizationRegistry((ref) => this.live.delete(ref));
  }

  /**
   * Starts the wasm (once; later calls return the same promise). Without
   * `wasm`, Node reads the file next to the entry and browsers fetch it.
   * @param {InitOptions} [options]
   * @returns {Promise<void>}
   */
  init(options) {
    if (this.started) return Promise.resolve();
    this.starting ??= this.#start(options?.wasm).then(
      () => {
        this.started = true;
      },
      (e) => {
        this.starting = undefined;
        throw new Error(`${this.entry}: could not start its wasm: ${e?.message ?? e}`, { cause: e });
      },
    );
    return this.starting;
  }

  /** @param {InitOptions['wasm']} wasm */
  async #start(wasm) {
    const { glue } = this;
    if (wasm === undefined) {
      if (this.readSync) return void glue.initSync({ module: this.readSync() });
      if (this.inline) return void (await glue.init({ module_or_path: this.inline() }));
      return void (await glue.init({ module_or_path: await this.#fetchDefault() }));
    }
    const isPath = typeof wasm === 'string' || (typeof URL === 'function' && wasm instanceof URL);
    if (isPath && this.readPath && !/^(https?|data|blob):/.test(String(wasm))) {
      return void glue.initSync({ module: this.readPath(wasm) });
    }
    if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm) || wasm instanceof WebAssembly.Module) {
      return void glue.initSync({ module: wasm });
    }
    await glue.init({ module_or_path: wasm });
  }

  /**
   * Fetches the `.wasm` from where the entry says it is. Vite's dev server
   * (before Vite 8) pre-bundles the package into `node_modules/.vite/deps/`
   * without its `.wasm`, and answers that URL with the app's page: the file
   * is then fetched from the package itself, where the dev server serves it.
   */
  async #fetchDefault() {
    const url = this.url();
    const isWasm = (res) => res.ok && !/^text\//.test(res.headers.get('content-type') ?? '');
    let res = await fetch(url);
    if (!isWasm(res) && /\/\.vite\/deps\//.test(url.pathname)) {
      const inPackage = await fetch(new URL(url.pathname.replace(/\/\.vite\/deps\/(?=[^/]*$)/, '/rolegate/'), url));
      if (isWasm(inPackage)) res = inPackage;
    }
    if (!isWasm(res)) {
      const type = res.headers.get('content-type') ?? 'no content type';
      throw new Error(`fetching ${url} gave ${res.status} (${type}), not the .wasm: serve the package's .wasm there, or pass it with \`init({ wasm })\``);
    }
    return res;
  }

  /**
   * Makes sure the wasm is started before a load: in Node (and with the
   * `.wasm` inlined) it starts now, synchronously; in a browser it must have
   * been started by `await init()`.
   */
  ready() {
    if (this.started) return;
    const read = this.readSync ?? this.inline;
    if (!read) {
      const what = this.starting ? 'is still starting' : 'is not started';
      throw new Error(`${this.entry}: its wasm ${what}: \`await init()\` once before loading (it fetches the .wasm; importing never blocks)`);
    }
    this.glue.initSync({ module: read() });
    this.started = true;
  }

  /** Whether `e` is a trap of the wasm instance (then restarted). */
  trapped(e) {
    if (!(e instanceof WebAssembly.RuntimeError)) return false;
    for (const ref of this.live) ref.deref()?.cut();
    this.live.clear();
    this.restart();
    return true;
  }

  /**
   * Runs `call`; if the instance traps, restarts it and returns `lost()`
   * instead (other errors are thrown as they are).
   */
  guarded(call, lost) {
    try {
      return call();
    } catch (e) {
      if (this.trapped(e)) return lost();
      throw e;
    }
  }
}

/** What a lost engine answers: every decision denies, in these words. */
const LOST_WORDS = 'the engine was lost when its wasm instance failed (out of memory?) and the package restarted it: load the snapshot again';

/** A lost engine's name caches: every name is unknown. */
const LOST_BUFFER = { users: { index: () => -1 }, permissions: { index: () => -1 } };

/** A lost engine's explanation. */
const lostExplanation = () => ({ allowed: false, code: 'engine_lost', message: LOST_WORDS });

/** The explanation of a context whose reading threw (app code: a getter, the `record` option). */
const unreadable = (u) => ({ allowed: false, code: 'unknown_context', message: `invalid context: ${u.problem}` });

/** What a non-decision method of a lost engine throws. */
export function lostError() {
  throw new Error(`rolegate: ${LOST_WORDS}`);
}

/**
 * One `Core` shared by a `Rolegate` and its user handles: each holds a
 * reference, and the last `free()` frees the engine (otherwise it is freed
 * when garbage-collected).
 */
export class Shared {
  /**
   * @param {any} core
   * @param {Instance} instance
   * @param {import('./context-buffer.js').Reading} [reading] how its checks read records (`readRecords`)
   */
  constructor(core, instance, reading) {
    this.core = core;
    this.instance = instance;
    this.buffer = new ContextBuffer(core, reading);
    this.refs = 1;
    /** Whether its instance failed (see `trapped`). */
    this.lost = false;
    this.ref = new WeakRef(this);
    instance.live.add(this.ref);
    instance.forget.register(this, this.ref, this);
  }

  /**
   * Cuts it loose from a failed instance: nothing calls into it again, and
   * the garbage collector does not free it there (`__destroy_into_raw`
   * forgets the pointer without calling the wasm).
   */
  cut() {
    this.lost = true;
    this.buffer = LOST_BUFFER;
    this.instance.forget.unregister(this);
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
      if (this.instance.trapped(e)) return false;
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
      if (!written) {
        const c = this.buffer.project(context);
        return !(c instanceof Unreadable) && this.core.checkValue(user, permission, c.value);
      }
      mode = 1;
    }
    // An unknown name is -1, which wraps to an index the engine denies.
    return this.core.check(u >>> 0, p >>> 0, mode);
  }

  explain(user, permission, context, options) {
    if (this.lost) return lostExplanation();
    const core = this.core;
    const locale = typeof options?.locale === 'string' ? options.locale : undefined;
    if (context instanceof Prepared) return this.instance.guarded(() => core.explain(user, permission, undefined, context.handle(core), locale), lostExplanation);
    const c = this.buffer.project(context);
    if (c instanceof Unreadable) return unreadable(c);
    const answer = this.instance.guarded(() => core.explain(user, permission, c.value, 0, locale), lostExplanation);
    if (answer.code === 'unknown_context') answer.message = relabel(answer.message, c.paths);
    return answer;
  }

  permissions(user, context) {
    if (this.lost) return [];
    const core = this.core;
    if (context instanceof Prepared) return this.instance.guarded(() => core.permissions(user, undefined, context.handle(core)), () => []);
    const c = this.buffer.project(context);
    if (c instanceof Unreadable) return [];
    return this.instance.guarded(() => core.permissions(user, c.value, 0), () => []);
  }

  /**
   * Prepares `context` (read as the gate reads records) for many checks.
   * @throws {TypeError} naming the offending field when it is not a context
   */
  prepare(context) {
    const c = this.lost ? undefined : this.buffer.project(context);
    return this.ask((core) => {
      if (c instanceof Unreadable) throw new TypeError(`expected a context \`{ unit?, team?, record? }\`: ${c.problem}`);
      let id;
      try {
        id = core.prepare(c.value);
      } catch (e) {
        if (e instanceof TypeError) throw new TypeError(relabel(e.message, c.paths));
        throw e;
      }
      return new Prepared(core, id, context);
    });
  }

  /** A decision that is not a check (`canAssign`): denies once lost. */
  decide(call) {
    if (this.lost) return lostExplanation();
    return this.instance.guarded(() => call(this.core), lostExplanation);
  }

  /** Anything else the engine answers: throws once lost. */
  ask(call) {
    if (this.lost) lostError();
    return this.instance.guarded(() => call(this.core), lostError);
  }

  /** User index `u`'s permissions without context, as bits (empty once lost). */
  mask(u) {
    if (this.lost) return new Uint32Array(0);
    return this.instance.guarded(() => this.core.permissionMask(u >>> 0), () => new Uint32Array(0));
  }

  /** Drops one reference; the last frees the engine. */
  release() {
    if (--this.refs > 0) return;
    this.instance.live.delete(this.ref);
    this.instance.forget.unregister(this);
    if (!this.lost) this.instance.guarded(() => this.core.free(), () => undefined);
  }
}

/** What a freed `Rolegate` or `UserGate` holds: every use throws. */
export const FREED = new Proxy({}, {
  get() {
    throw new Error('rolegate: this engine was freed');
  },
});

/** The signed-in user's handle: `can`, `explain` and `permissions` without naming the user each time. */
export class UserGate {
  /** @type {Shared} */ #shared;
  /** @type {number} */ #index;
  /** @type {Uint32Array | undefined} */ #mask;

  /** Use `gate.user(id)`. @param {Shared} shared @param {string} id @protected */
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
      const mask = (this.#mask ??= s.mask(this.#index));
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
