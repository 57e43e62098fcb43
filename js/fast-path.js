// The hot path: names are looked up in wasm once, then cached here, so a
// check crosses into wasm with integers only (a string crossing costs about
// 120 ns, an integer call about 6 ns); a bound handle's checks without
// context are a bit test on its permission mask, with no call at all. Record
// attributes the model's conditions read are passed as numbered slots
// (strings as indexes into the snapshot's strings). Any context this cache
// cannot express (lists, unexpected keys or types) takes the ordinary path.
import { _setSlot, Prepared } from './rolegate.js';
import { asSnapshotError } from './snapshot-error.js';

const NAMES = Symbol('rolegate.names');
const MASK = Symbol('rolegate.mask');
const ABSENT = -1;
const UNKNOWN = -2;
/** Scratch for a context as indexes: unit, team, record?, owner, record team, record unit, attributes?. */
const slots = new Int32Array(7);

/** The name caches of one engine, shared by its user handles. */
function namesOf(gate) {
  let names = gate[NAMES];
  if (names === undefined) {
    names = {
      gate,
      permission: new Map(),
      user: new Map(),
      unit: new Map(),
      team: new Map(),
      string: new Map(),
      recordKeys: gate._recordKeys(),
      stringCount: gate._stringCount(),
      strangers: 0,
    };
    gate[NAMES] = names;
  }
  return names;
}

/** The index of `id` in `map`, asking wasm (`lookup`) once per name. */
function indexOf(map, id, owner, lookup) {
  if (id === undefined || id === null) return ABSENT;
  let ix = map.get(id);
  if (ix === undefined) {
    ix = typeof id === 'string' ? owner[lookup](id) : UNKNOWN;
    if (ix < 0) ix = UNKNOWN;
    map.set(id, ix);
  }
  return ix;
}

/**
 * Fills `slots` from a context. Returns 1 when filled, 0 when a name is
 * unknown (the check denies), -1 when only the ordinary path can read it.
 */
function contextSlots(names, context) {
  if (typeof context !== 'object') return -1;
  for (const key in context) {
    if (key !== 'unit' && key !== 'team' && key !== 'record') return -1;
  }
  const { gate } = names;
  const record = context.record;
  slots[0] = indexOf(names.unit, context.unit, gate, '_unitIndex');
  slots[1] = indexOf(names.team, context.team, gate, '_teamIndex');
  if (record === undefined || record === null) {
    slots[2] = slots[6] = 0;
    slots[3] = slots[4] = slots[5] = ABSENT;
  } else {
    if (typeof record !== 'object') return -1;
    for (const key in record) {
      if (key !== 'owner' && key !== 'team' && key !== 'unit' && key !== 'attributes') return -1;
    }
    slots[2] = 1;
    const attributes = record.attributes;
    if (attributes === undefined || attributes === null) {
      slots[6] = 0;
    } else {
      if (typeof attributes !== 'object' || Array.isArray(attributes)) return -1;
      if (!attributeSlots(names, attributes)) return -1;
      slots[6] = 1;
    }
    slots[3] = indexOf(names.user, record.owner, gate, '_userIndex');
    slots[4] = indexOf(names.team, record.team, gate, '_teamIndex');
    slots[5] = indexOf(names.unit, record.unit, gate, '_unitIndex');
  }
  for (let i = 0; i < 6; i++) if (slots[i] === UNKNOWN) return 0;
  return 1;
}

/**
 * Writes the record attributes that conditions read into wasm's slots.
 * Returns false when a value needs the ordinary path (lists, objects, null).
 */
function attributeSlots(names, attributes) {
  const keys = names.recordKeys;
  // Strangers need distinct indexes within one check only: keep the cache small.
  if (names.string.size > 4096) {
    names.string.clear();
    names.strangers = 0;
  }
  for (let i = 0; i < keys.length; i++) {
    const v = attributes[keys[i]];
    switch (typeof v) {
      case 'undefined':
        _setSlot(i, 0, 0);
        break;
      case 'boolean':
        _setSlot(i, v ? 2 : 1, 0);
        break;
      case 'number':
        _setSlot(i, 3, v);
        break;
      case 'string': {
        let ix = names.string.get(v);
        if (ix === undefined) {
          ix = names.gate._stringIndex(v);
          // A string the snapshot does not hold equals only itself.
          if (ix < 0) ix = names.stringCount + names.strangers++;
          names.string.set(v, ix);
        }
        _setSlot(i, 4, ix);
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

/**
 * Installs the cached fast path on the generated classes and gives load
 * errors the `SnapshotError` class. Signatures stay those of the generated
 * `.d.ts`.
 * @param {typeof import('./rolegate.js').Rolegate} Rolegate
 * @param {typeof import('./rolegate.js').UserGate} UserGate
 */
export function install(Rolegate, UserGate) {
  const { load, fromJson } = Rolegate;
  Rolegate.load = (snapshot) => {
    try {
      return load(snapshot);
    } catch (e) {
      throw asSnapshotError(e);
    }
  };
  Rolegate.fromJson = (text) => {
    try {
      return fromJson(text);
    } catch (e) {
      throw asSnapshotError(e);
    }
  };

  const gateCan = Rolegate.prototype.can;
  Rolegate.prototype.can = function can(user, permission, context) {
    const names = namesOf(this);
    const u = indexOf(names.user, user, this, '_userIndex');
    const p = indexOf(names.permission, permission, this, '_permissionIndex');
    if (u < 0 || p < 0) return false;
    if (context === undefined || context === null) return this._checkAt(u, p, -1, -1, false, -1, -1, -1, false);
    if (context instanceof Prepared) return this._checkPrepared(u, p, context);
    const state = contextSlots(names, context);
    if (state < 0) return gateCan.call(this, user, permission, context);
    if (state === 0) return false;
    return this._checkAt(u, p, slots[0], slots[1], slots[2] === 1, slots[3], slots[4], slots[5], slots[6] === 1);
  };

  const user = Rolegate.prototype.user;
  Rolegate.prototype.user = function bind(id) {
    const handle = user.call(this, id);
    handle[NAMES] = namesOf(this);
    return handle;
  };

  const userCan = UserGate.prototype.can;
  UserGate.prototype.can = function can(permission, context) {
    const names = this[NAMES];
    if (names === undefined) return userCan.call(this, permission, context);
    const p = indexOf(names.permission, permission, this, '_permissionIndex');
    if (p < 0) return false;
    if (context === undefined || context === null) {
      // Without context the answer is a bit of the user's permission mask,
      // computed once per handle (the engine never changes).
      let mask = this[MASK];
      if (mask === undefined) mask = this[MASK] = this._permissionMask();
      return ((mask[p >>> 5] >>> (p & 31)) & 1) === 1;
    }
    if (context instanceof Prepared) return this._checkPrepared(p, context);
    const state = contextSlots(names, context);
    if (state < 0) return userCan.call(this, permission, context);
    if (state === 0) return false;
    return this._checkAt(p, slots[0], slots[1], slots[2] === 1, slots[3], slots[4], slots[5], slots[6] === 1);
  };

  // Methods that read the context by name take a prepared one as it was given.
  for (const [cls, method, at] of [
    [Rolegate, 'explain', 2], [Rolegate, 'permissions', 1], [UserGate, 'explain', 1], [UserGate, 'permissions', 0],
  ]) {
    const inner = cls.prototype[method];
    cls.prototype[method] = function unwrapped(...args) {
      if (args[at] instanceof Prepared) args[at] = args[at].context;
      return inner.apply(this, args);
    };
  }
}
