// How a check's context crosses into wasm: as numbers in a buffer whose
// layout the engine publishes (`Core.layout()`, see src/wasm/buffer.rs).
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

export class ContextBuffer {
  /** @param {import('./rolegate.js').Core} core */
  constructor(core) {
    const layout = core.layout();
    this.core = core;
    this.memory = layout.memory;
    this.offset = layout.buffer;
    this.length = layout.length;
    this.at = layout.positions;
    this.kind = Object.fromEntries(layout.kinds.map((k, i) => [k, i]));
    this.contextKeys = new Set(layout.contextKeys);
    this.recordKeys = new Set(layout.recordKeys);
    this.slots = new Map(layout.attributeKeys.map((k, i) => [k, i]));
    this.strings = layout.strings;
    this.strangers = 0;
    this.absent = layout.absent;
    this.unknown = layout.unknown;
    /** One cache per kind of name: name -> index (-1 none, -2 not a string). */
    this.caches = layout.kinds.map(() => new Map());
    this.view = new Float64Array(0);
  }

  /** The index of `name` among the things of `kind` ('user', 'unit', ...). */
  index(kind, name) {
    const k = this.kind[kind];
    const cache = this.caches[k];
    let ix = cache.get(name);
    if (ix === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      ix = this.core.lookup(k, name);
      cache.set(name, ix);
    }
    return ix;
  }

  /** The buffer, re-viewed when wasm memory has grown (which detaches views). */
  buffer() {
    if (this.view.length === 0) this.view = new Float64Array(this.memory.buffer, this.offset, this.length);
    return this.view;
  }

  /**
   * Writes `context` into the buffer. Returns false, writing nothing that
   * matters, when the context is not plain data the buffer can hold.
   */
  write(context) {
    try {
      return this.#write(context);
    } catch {
      return false; // a getter threw: the engine reads it and denies
    }
  }

  #write(context) {
    if (!isPlain(context)) return false;
    for (const key of Object.keys(context)) if (!this.contextKeys.has(key)) return false;
    const b = this.buffer();
    const at = this.at;
    if (!this.#name(b, at.unit, 'unit', context.unit) || !this.#name(b, at.team, 'team', context.team)) return false;
    const record = context.record;
    if (record === undefined || record === null) {
      b[at.record] = 0;
      return true;
    }
    if (!isPlain(record)) return false;
    for (const key of Object.keys(record)) if (!this.recordKeys.has(key)) return false;
    b[at.record] = 1;
    return this.#name(b, at.owner, 'user', record.owner)
      && this.#name(b, at.recordTeam, 'team', record.team)
      && this.#name(b, at.recordUnit, 'unit', record.unit)
      && this.#attributes(b, record.attributes);
  }

  /** Writes a name: its index, the layout's `absent` when not given, or its `unknown`. */
  #name(b, position, kind, name) {
    if (name === undefined || name === null) {
      b[position] = this.absent;
      return true;
    }
    if (typeof name !== 'string') return false;
    const ix = this.index(kind, name);
    b[position] = ix >= 0 ? ix : this.unknown;
    return true;
  }

  /** Writes the record attributes conditions read, one slot (kind, value) each. */
  #attributes(b, attributes) {
    const first = this.at.attributes;
    for (let i = first; i < this.length; i += 2) b[i] = 0;
    if (attributes === undefined || attributes === null) return true;
    // Strangers need distinct indexes within one check only: start the
    // numbering again between checks, never within one.
    const strings = this.caches[this.kind.string];
    if (strings.size >= CACHE_LIMIT) {
      strings.clear();
      this.strangers = 0;
    }
    if (!isPlain(attributes)) return false;
    for (const key of Object.keys(attributes)) {
      const v = attributes[key];
      let kind;
      let value = 0;
      if (v === undefined) continue;
      if (typeof v === 'boolean') kind = v ? 2 : 1;
      else if (typeof v === 'number' && Number.isFinite(v)) [kind, value] = [3, v];
      else if (typeof v === 'string') {
        const ix = this.#string(v);
        if (ix === undefined) return false;
        [kind, value] = [4, ix];
      } else return false; // lists, objects, null, NaN, BigInt...: the engine reads them
      const slot = this.slots.get(key);
      if (slot !== undefined) {
        b[first + 2 * slot] = kind;
        b[first + 2 * slot + 1] = value;
      }
    }
    return true;
  }

  /** A string's index, a fresh index for a string the snapshot lacks, or undefined for one that is not well-formed. */
  #string(s) {
    const cache = this.caches[this.kind.string];
    let ix = cache.get(s);
    if (ix === undefined) {
      ix = this.core.lookup(this.kind.string, s);
      // A string the snapshot does not hold equals only itself.
      if (ix === -1) ix = this.strings + this.strangers++;
      cache.set(s, ix);
    }
    return ix >= 0 ? ix : undefined;
  }
}
