// How a check's context crosses into wasm: as numbers in a buffer whose
// layout the engine publishes (`Core.layout()`, see src/decide/encoded.rs).
// Names become indexes, looked up in wasm once and cached here; the record
// attributes that the model's conditions read become numbered slots.
//
// This file decides nothing about what a valid context is: it writes only
// plain data it can express exactly (plain objects with the published keys,
// strings, finite numbers, booleans), and for anything else `write` returns
// false so that the engine reads the value itself and gives its answer.

/** Most names each cache holds before it starts again (memory stays bounded). */
const CACHE_LIMIT = 10000;

/** Whether `value` is a plain object (`{}` or `Object.create(null)`). */
function isPlain(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}


/** One kind of name (users, permissions, ...): name -> index, -1 none, -2 not a string. */
class Names {
  constructor(core, kind) {
    this.core = core;
    this.kind = kind;
    this.map = new Map();
  }

  index(name) {
    let ix = this.map.get(name);
    if (ix === undefined) {
      if (this.map.size >= CACHE_LIMIT) this.map.clear();
      ix = this.core.lookup(this.kind, name);
      this.map.set(name, ix);
    }
    return ix;
  }
}

export class ContextBuffer {
  /** @param {import('./rolegate.js').Core} core */
  constructor(core) {
    const layout = core.layout();
    const kind = (k) => layout.kinds.indexOf(k);
    this.core = core;
    this.memory = layout.memory;
    this.offset = layout.buffer;
    this.length = layout.length;
    this.at = layout.positions;
    // The keys a context and a record may have, as the engine lists them
    // (held as fields: comparing with them is the hot path's key check).
    [this.c0, this.c1, this.c2] = layout.contextKeys;
    [this.r0, this.r1, this.r2, this.r3] = layout.recordKeys;
    if (layout.contextKeys.length !== 3 || layout.recordKeys.length !== 4) throw new Error('rolegate: this JS layer does not match its wasm');
    this.slots = new Map(layout.attributeKeys.map((k, i) => [k, i]));
    this.absent = layout.absent;
    this.unknown = layout.unknown;
    this.users = new Names(core, kind('user'));
    this.permissions = new Names(core, kind('permission'));
    this.units = new Names(core, kind('unit'));
    this.teams = new Names(core, kind('team'));
    this.strings = new Names(core, kind('string'));
    this.stringCount = layout.strings;
    this.strangers = 0;
    this.view = new Float64Array(0);
  }

  /** The buffer, re-viewed when wasm memory has grown (which detaches views). */
  buffer() {
    if (this.view.length === 0) this.view = new Float64Array(this.memory.buffer, this.offset, this.length);
    return this.view;
  }

  /**
   * Writes `context` into the buffer. Returns false, having written nothing
   * that matters, when the context is not plain data the buffer can hold;
   * throws when a getter of it throws.
   */
  write(context) {
    if (!isPlain(context)) return false;
    for (const key in context) if (key !== this.c0 && key !== this.c1 && key !== this.c2) return false;
    const b = this.buffer();
    const at = this.at;
    const { unit, team, record } = context;
    if (unit === undefined) b[at.unit] = this.absent;
    else if (!this.#name(b, at.unit, this.units, unit)) return false;
    if (team === undefined) b[at.team] = this.absent;
    else if (!this.#name(b, at.team, this.teams, team)) return false;
    if (record === undefined || record === null) {
      b[at.record] = 0;
      return true;
    }
    if (!isPlain(record)) return false;
    for (const key in record) if (key !== this.r0 && key !== this.r1 && key !== this.r2 && key !== this.r3) return false;
    b[at.record] = 1;
    const { owner, team: recordTeam, unit: recordUnit, attributes } = record;
    if (!this.#name(b, at.owner, this.users, owner) || !this.#name(b, at.recordTeam, this.teams, recordTeam)) return false;
    if (recordUnit === undefined) b[at.recordUnit] = this.absent;
    else if (!this.#name(b, at.recordUnit, this.units, recordUnit)) return false;
    return this.#attributes(b, attributes);
  }

  /** Writes a name: its index, the layout's `absent` when not given, or its `unknown`. */
  #name(b, position, names, name) {
    if (name === undefined || name === null) {
      b[position] = this.absent;
      return true;
    }
    if (typeof name !== 'string') return false;
    const ix = names.index(name);
    b[position] = ix >= 0 ? ix : this.unknown;
    return true;
  }

  /** Writes the record attributes conditions read, one slot (kind, value) each. */
  #attributes(b, attributes) {
    const first = this.at.attributes;
    for (let i = first; i < this.length; i += 2) b[i] = 0;
    if (attributes === undefined || attributes === null) return true;
    if (!isPlain(attributes)) return false;
    // Strangers need distinct indexes within one check only: start the
    // numbering again between checks, never within one.
    if (this.strings.map.size >= CACHE_LIMIT) {
      this.strings.map.clear();
      this.strangers = 0;
    }
    for (const key in attributes) {
      const v = attributes[key];
      let kind;
      let value = 0;
      if (v === undefined) continue;
      if (typeof v === 'boolean') kind = v ? 2 : 1;
      else if (typeof v === 'number' && Number.isFinite(v)) {
        kind = 3;
        value = v;
      }
      else if (typeof v === 'string') {
        value = this.#string(v);
        if (value < 0) return false;
        kind = 4;
      } else return false; // lists, objects, null, NaN, BigInt...: the engine reads them
      const slot = this.slots.get(key);
      if (slot !== undefined) {
        b[first + 2 * slot] = kind;
        b[first + 2 * slot + 1] = value;
      }
    }
    return true;
  }

  /** A string's index, a fresh index for a string the snapshot lacks, or -2 for one that is not well-formed. */
  #string(s) {
    const map = this.strings.map;
    let ix = map.get(s);
    if (ix === undefined) {
      ix = this.strings.core.lookup(this.strings.kind, s);
      // A string the snapshot does not hold equals only itself.
      if (ix === -1) ix = this.stringCount + this.strangers++;
      map.set(s, ix);
    }
    return ix;
  }
}
