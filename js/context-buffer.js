// How a check's context crosses into wasm: as numbers in a buffer whose
// layout the engine publishes (`Core.layout()`, see src/decide/encoded.rs).
// Names become indexes, looked up in wasm once and cached here; the record
// attributes that the model's conditions read become numbered slots.
//
// A record is the app's own object, read the way the gate's `record` option
// says (`readRecords`): its owner, team and unit, and only the attributes
// the model's conditions read; its other fields are never looked at.
//
// This file decides nothing about what a valid context is: it writes only
// plain data it can express exactly (plain objects with the published keys,
// strings, finite numbers, booleans), and for anything else `write` returns
// false so that the engine reads the value itself and gives its answer:
// `project` hands it the context with the record as rolegate reads it (the
// fields it uses, in the shape the engine knows), never the app's object.

/** Most names each cache holds before it starts again (memory stays bounded). */
const CACHE_LIMIT = 10000;

/** Whether `value` is a plain object (`{}` or `Object.create(null)`). */
function isPlain(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const toString = Object.prototype.toString;

/**
 * Whether `value` can be read as a record (or a record's attributes): a
 * plain object or an instance of the app's own classes; not an array, a
 * function or a built-in object (`Date`, `Map`, boxed primitives...).
 */
function isRecord(value) {
  return isPlain(value) || (value !== null && typeof value === 'object' && toString.call(value) === '[object Object]');
}

/**
 * A record that is rolegate's own `{ owner?, team?, unit?, attributes? }`,
 * read without the gate's `record` option (the DOM helper's records carry it).
 */
export const PLAIN_RECORD = Symbol.for('rolegate.record');

/** The fields rolegate reads from a record, by their names in the app's records. */
const FIELDS = ['owner', 'team', 'unit', 'attributes'];

/**
 * How a gate reads records: the `record` option of a load, checked once.
 * `names` are the fields owner, team, unit and attributes are read from;
 * `ownAttributes`: a record without attributes has its other fields as its
 * attributes; `map`: a function from the app's record to rolegate's one,
 * read as a record without the option is.
 */
export class Reading {
  constructor(names, ownAttributes, map) {
    this.names = names;
    this.ownAttributes = ownAttributes;
    this.map = map;
  }
}

/** Records read as they come: `owner`, `team`, `unit`, `attributes` (or the record's other fields). */
export const DEFAULT_READING = new Reading({ owner: 'owner', team: 'team', unit: 'unit', attributes: 'attributes' }, true, undefined);

/**
 * The record reading of a load's `options` (`{ record? }`): field names
 * `{ owner?, team?, unit?, attributes? }` or a function `(appRecord) =>
 * ({ owner?, team?, unit?, attributes? })`.
 * @throws {TypeError} naming what is wrong with the options
 */
export function readRecords(options) {
  if (options === undefined || options === null) return DEFAULT_READING;
  if (!isPlain(options)) throw new TypeError('rolegate: expected the options as an object `{ record? }`');
  for (const key of Object.keys(options)) {
    if (key !== 'record') throw new TypeError(`rolegate: unknown option \`${key}\` (the options are \`record\`)`);
  }
  const record = options.record;
  if (record === undefined || record === null) return DEFAULT_READING;
  if (typeof record === 'function') return new Reading(DEFAULT_READING.names, true, record);
  if (!isPlain(record)) {
    throw new TypeError('rolegate: expected the `record` option as the names of the fields `{ owner?, team?, unit?, attributes? }` or a function from the app\'s record to `{ owner?, team?, unit?, attributes? }`');
  }
  const names = { ...DEFAULT_READING.names };
  for (const key of Object.keys(record)) {
    if (!FIELDS.includes(key)) throw new TypeError(`rolegate: \`record.${key}\` is not a field rolegate reads (it reads \`owner\`, \`team\`, \`unit\` and \`attributes\`)`);
    const name = record[key];
    if (name === undefined) continue;
    if (typeof name !== 'string' || name === '') throw new TypeError(`rolegate: expected \`record.${key}\` as the name of the field it is read from`);
    names[key] = name;
  }
  if (FIELDS.some((f) => f !== 'attributes' && names[f] === names.attributes)) {
    throw new TypeError(`rolegate: the \`record\` option reads the attributes from \`${names.attributes}\`, which it reads a name from too`);
  }
  if (record.attributes === undefined && FIELDS.every((f) => names[f] === f)) return DEFAULT_READING;
  return new Reading(names, record.attributes === undefined, undefined);
}

/** A key as the engine writes it in a path (`.key`, or `["a.key"]`). */
function member(key) {
  return /^[^.[\]"]+$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** What `project` returns for a context it cannot read (a getter or the `record` option threw): the words of the denial. */
export class Unreadable {
  constructor(problem) {
    /** What is wrong and where, after `invalid context: `. */
    this.problem = problem;
  }
}

/** The message of an error thrown by app code (never throwing itself: decisions do not). */
function describe(e) {
  try {
    return e instanceof Error ? String(e.message) : String(e);
  } catch {
    return 'an error';
  }
}

/** One kind of name (users, permissions, ...): name -> index, -1 none, -2 not a string. */
class Names {
  constructor(core, kind, map = new Map()) {
    this.core = core;
    this.kind = kind;
    this.map = map;
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

/** Whether `s` is well-formed UTF-16 (no lone surrogate: such a string can equal no snapshot name). */
const wellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (s) => s.isWellFormed()
  : (s) => !/\p{Surrogate}/u.test(s);

/**
 * A slice's users, teams or units, whole (`layout.tables`, see
 * `NameTables` in src/decide/encoded.rs): the same answers as `Names`
 * without asking the engine. A well-formed name not in it resolves to
 * `other` (someone or something out of the user's reach, or -1).
 */
class Table {
  constructor({ names, other }) {
    this.map = new Map();
    names.forEach((n, i) => {
      if (n !== '') this.map.set(n, i);
    });
    this.other = other;
  }

  index(name) {
    const ix = this.map.get(name);
    if (ix !== undefined) return ix;
    return typeof name === 'string' && wellFormed(name) ? this.other : -2;
  }
}

/**
 * Permission name -> index caches, by snapshot fingerprint: every engine of
 * one snapshot (the full one and each slice cut from it, which holds the
 * whole model) numbers the permissions alike, so the many ClientGates of a
 * server or test process share one. The oldest goes past a few snapshots.
 */
const permissionCaches = new Map();
const SNAPSHOTS_CACHED = 8;

function permissionCache(fingerprint) {
  let map = permissionCaches.get(fingerprint);
  if (map === undefined) {
    if (permissionCaches.size >= SNAPSHOTS_CACHED) permissionCaches.delete(permissionCaches.keys().next().value);
    map = new Map();
    permissionCaches.set(fingerprint, map);
  }
  return map;
}

/** An attribute conditions read: its key, its slot, and whether `Object.prototype` has a member of that name (then only the record's own one counts). */
function attributeKey(key, slot) {
  return { key, slot, own: key in Object.prototype };
}

/** Reads what `source` holds at `key` for attribute `k` (`undefined`: absent). */
function attributeOf(source, k) {
  return k.own && !Object.hasOwn(source, k.key) ? undefined : source[k.key];
}

/**
 * How a path of the engine's reading of a projected record is written
 * in the app's record (`paths` from `project`); `undefined`: unchanged.
 */
export function relabel(message, paths) {
  if (paths === undefined || typeof message !== 'string') return message;
  return message.replace(/(: |; )record\.(owner|team|unit|attributes)(?=[.[:;]|$)/g, (all, lead, field) => {
    const path = paths[field];
    if (path === undefined) return all;
    return `${lead}record${path === '' ? '' : member(path)}`;
  });
}

export class ContextBuffer {
  /**
   * @param {import('./rolegate.js').Core} core
   * @param {Reading} [reading] how records are read (`readRecords`)
   */
  constructor(core, reading = DEFAULT_READING) {
    const layout = core.layout();
    const kind = (k) => layout.kinds.indexOf(k);
    this.core = core;
    this.memory = layout.memory;
    this.offset = layout.buffer;
    this.length = layout.length;
    this.at = layout.positions;
    // The keys a context may have, as the engine lists them (held as
    // fields: comparing with them is the hot path's key check).
    [this.c0, this.c1, this.c2] = layout.contextKeys;
    if (layout.contextKeys.length !== 3 || layout.recordKeys.join() !== FIELDS.join()) throw new Error('rolegate: this JS layer does not match its wasm');
    this.reading = reading;
    const keys = layout.attributeKeys.map((k, i) => attributeKey(k, i));
    /** The attributes conditions read, from a record's `attributes`. */
    this.keys = keys;
    /** The same from a record's other fields, read as it comes (not its owner, team, unit or attributes). */
    this.ownKeys = keys.filter((k) => !FIELDS.includes(k.key));
    /** The same, read by the names of the `record` option. */
    const names = Object.values(reading.names);
    this.namedOwnKeys = keys.filter((k) => !names.includes(k.key));
    this.absent = layout.absent;
    this.unknown = layout.unknown;
    const tables = layout.tables;
    this.users = tables ? new Table(tables.user) : new Names(core, kind('user'));
    this.permissions = new Names(core, kind('permission'), permissionCache(core.fingerprint()));
    this.units = tables ? new Table(tables.unit) : new Names(core, kind('unit'));
    this.teams = tables ? new Table(tables.team) : new Names(core, kind('team'));
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
   * throws when a getter of it (or the `record` option) throws.
   */
  write(context) {
    if (!isPlain(context)) return false;
    for (const key in context) if (key !== this.c0 && key !== this.c1 && key !== this.c2) return false;
    const { unit, team } = context;
    let record = context.record;
    // The `record` option runs before anything is written (it is app code,
    // which may check something itself).
    let named = false;
    if (this.reading !== DEFAULT_READING && record !== undefined && record !== null && record[PLAIN_RECORD] !== true) {
      if (this.reading.map !== undefined) record = this.reading.map(record);
      else named = true;
    }
    const b = this.buffer();
    const at = this.at;
    if (unit === undefined) b[at.unit] = this.absent;
    else if (!this.#name(b, at.unit, this.units, unit)) return false;
    if (team === undefined) b[at.team] = this.absent;
    else if (!this.#name(b, at.team, this.teams, team)) return false;
    if (record === undefined || record === null) {
      b[at.record] = 0;
      return true;
    }
    if (!isRecord(record)) return false;
    b[at.record] = 1;
    let owner, recordTeam, recordUnit, attributes, ownKeys;
    if (named) {
      const n = this.reading.names;
      owner = record[n.owner];
      recordTeam = record[n.team];
      recordUnit = record[n.unit];
      attributes = record[n.attributes];
      ownKeys = this.reading.ownAttributes ? this.namedOwnKeys : undefined;
    } else {
      ({ owner, team: recordTeam, unit: recordUnit, attributes } = record);
      ownKeys = this.ownKeys;
    }
    if (!this.#name(b, at.owner, this.users, owner) || !this.#name(b, at.recordTeam, this.teams, recordTeam)) return false;
    if (recordUnit === undefined) b[at.recordUnit] = this.absent;
    else if (!this.#name(b, at.recordUnit, this.units, recordUnit)) return false;
    if (attributes !== undefined && attributes !== null) return isRecord(attributes) && this.#attributes(b, attributes, this.keys);
    // No attributes: the record's other fields are its attributes.
    return this.#attributes(b, ownKeys === undefined ? undefined : record, ownKeys);
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

  /** Writes the record attributes conditions read (`keys`, of `source`), one slot (kind, value) each. */
  #attributes(b, source, keys) {
    const first = this.at.attributes;
    for (let i = first; i < this.length; i += 2) b[i] = 0;
    if (source === undefined || keys.length === 0) return true;
    // Strangers need distinct indexes within one check only: start the
    // numbering again between checks, never within one.
    if (this.strings.map.size >= CACHE_LIMIT) {
      this.strings.map.clear();
      this.strangers = 0;
    }
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = attributeOf(source, k);
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
      b[first + 2 * k.slot] = kind;
      b[first + 2 * k.slot + 1] = value;
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

  /**
   * `context` as the engine is to read it, when the buffer cannot hold it
   * (and for `explain`, `permissions` and `prepare`): `{ value }`, the
   * context with its record as this gate reads it (a plain `{ owner?, team?,
   * unit?, attributes? }` of the fields it uses and the attributes
   * conditions read), with the `paths` they were read from where these
   * differ (for `relabel`). Anything that is not a context, or a record that
   * is not one, is left as given for the engine to refuse. An `Unreadable`
   * when app code threw: a getter of the record, or the `record` option.
   * @returns {{ value: unknown, paths?: Record<string, string> } | Unreadable}
   */
  project(context) {
    if (!isPlain(context)) return { value: context };
    let copy;
    try {
      copy = { ...context };
    } catch {
      return { value: context }; // a getter threw: the engine says which
    }
    const given = copy.record;
    if (given === undefined || given === null) return { value: context };
    const reading = this.reading;
    let record = given;
    let { names, ownAttributes } = DEFAULT_READING;
    if (reading !== DEFAULT_READING && given[PLAIN_RECORD] !== true) {
      if (reading.map !== undefined) {
        try {
          record = reading.map(given);
        } catch (e) {
          return new Unreadable(`record: the \`record\` option threw: ${describe(e)}`);
        }
      } else ({ names, ownAttributes } = reading);
    }
    copy.record = record;
    if (!isRecord(record)) return { value: copy };
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const field of FIELDS) {
      let v;
      try {
        v = record[names[field]];
      } catch {
        return new Unreadable(`record${member(names[field])}: a member that cannot be read`);
      }
      if (v !== undefined) out[field] = v;
    }
    const paths = names === DEFAULT_READING.names ? {} : { ...names };
    let source = out.attributes;
    let keys = this.keys;
    if (source === undefined || source === null) {
      source = ownAttributes ? record : undefined;
      keys = names === DEFAULT_READING.names ? this.ownKeys : this.namedOwnKeys;
      paths.attributes = '';
    }
    if (source !== undefined && isRecord(source)) {
      const attributes = Object.create(null);
      const at = paths.attributes ?? names.attributes;
      for (const k of keys) {
        let v;
        try {
          v = attributeOf(source, k);
        } catch {
          return new Unreadable(`record${at === '' ? '' : member(at)}${member(k.key)}: a member that cannot be read`);
        }
        if (v !== undefined) attributes[k.key] = v;
      }
      out.attributes = attributes;
    }
    copy.record = out;
    return { value: copy, paths };
  }
}
