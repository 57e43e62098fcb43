// The app's own records: a check is given the app's object (with fields of
// its own, of any type) and decides exactly as with rolegate's plain record
// `{ owner, team, unit, attributes }`; where the owner, team, unit and
// attributes are read from is declared once, when loading (`{ record }`:
// field names or a function), for every check of the gate, its user
// handles, prepared contexts, explanations, permission lists and slices.
// What rolegate does read must still be well-formed, or the check denies
// with `unknown_context` at the field's path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Rolegate } from 'rolegate';
import { loadSlice, readSlice } from 'rolegate/client';

const ORGS = new URL('../../www/orgs/', import.meta.url);
const orgs = [
  ...readdirSync(ORGS).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(new URL(f, ORGS), 'utf8'))]),
  ['fixture', JSON.parse(readFileSync(new URL('../integration/fixture/org.json', import.meta.url), 'utf8'))],
];
/** The Vite app's org: its restriction reads `record.private` (calls.view, unless own). */
const vite = orgs.find(([name]) => name === 'fixture')[1];

class Customer {
  constructor(id) {
    this.id = id;
  }
}

/** An app's call as a class: fields, a getter on the prototype, methods. */
class Call {
  #secret = 'x';
  constructor(plain) {
    this.id = 17;
    this.ownerId = plain.owner;
    this.payload = { deep: { deeper: [new Date(0), new Map()] } };
    Object.assign(this, plain.attributes ?? {});
    this.plainTeam = plain.team;
    this.plainUnit = plain.unit;
  }

  get owner() {
    return this.ownerId;
  }

  get team() {
    return this.plainTeam;
  }

  get unit() {
    return this.plainUnit;
  }

  get title() {
    throw new Error('never read');
  }

  secret() {
    return this.#secret;
  }
}

/** Fields rolegate never reads, of every type (none is a record key a sample model's conditions read). */
function junk() {
  return {
    id: 42,
    title: 'Quarterly review',
    createdAt: new Date(0),
    duration: NaN,
    big: 10n,
    symbol: Symbol('s'),
    nothing: null,
    tags: ['a', 1, {}],
    nested: { a: { b: [1, 2] } },
    customer: new Customer(3),
    lookup: new Map([['a', 1]]),
    when: new Set([1]),
    pattern: /x/,
    buffer: new Uint8Array(2),
    callback() {},
    lone: 'a\uD800',
  };
}

/** `record` with a getter of its own that throws (never read: rolegate does not use it). */
function thrower(record) {
  Object.defineProperty(record, 'thrower', { enumerable: true, get() { throw new Error('an unused getter is never called'); } });
  return record;
}

/** The plain records of `snap` to compare on: owners, teams, units, and the attributes its conditions read. */
function records(snap) {
  const users = snap.org.users.map((u) => u.id);
  const teams = [undefined, ...(snap.org.teams ?? []).map((t) => t.id)];
  const units = [undefined, ...(snap.org.units ?? []).map((u) => u.id)];
  const values = [true, false, 3, 'stranger', undefined,
    ...snap.org.users.flatMap((u) => Object.values(u.attributes ?? {}).filter((v) => typeof v === 'string'))];
  const out = [{}];
  users.slice(0, 6).forEach((owner, i) => {
    const attributes = {};
    for (const [k, key] of ['staff', 'staffGroup', 'private'].entries()) {
      const v = values[(i + k) % values.length];
      if (v !== undefined) attributes[key] = v;
    }
    out.push({ owner }, { owner, team: teams[i % teams.length], unit: units[i % units.length], attributes });
    out.push({ owner, attributes: { staffGroup: ['a', 'b'] } }); // a list: the engine's own reading
  });
  out.push({ owner: 'ghost', attributes: { private: true } });
  return out;
}

/** The plain record's fields, with `undefined` ones left out. */
function defined(plain) {
  return Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined));
}

/** The record options of the loads compared (each gate loaded once). */
const BY_NAMES = { record: { owner: 'ownerId', team: 'teamId', unit: 'siteId', attributes: 'fields' } };
const BY_OWNER_NAME = { record: { owner: 'createdBy' } };
const BY_FUNCTION = { record: (c) => ({ owner: c.by.id, team: c.where?.team, unit: c.where?.unit, attributes: c.data }) };
const TO_INSTANCE = { record: (c) => c.call };

/** The ways an app may hold the same record, as `[what, options of the load, app record]`. */
function forms(plain) {
  const { owner, team, unit, attributes } = plain;
  const rest = defined({ owner, team, unit });
  const all = [
    ['attributes, and fields of its own', undefined, { ...junk(), ...rest, ...(attributes ? { attributes: { ...attributes, ...junk() } } : {}) }],
    ['its attributes as fields of its own', undefined, { ...junk(), ...rest, ...attributes }],
    ['a class instance', undefined, new Call(plain)],
    ['fields named by the record option', BY_NAMES,
      { ...junk(), owner: { id: owner }, team: 5, unit: [], attributes: 'not these', ...defined({ ownerId: owner, teamId: team, siteId: unit, fields: attributes }) }],
    ['the owner named, the attributes its own fields', BY_OWNER_NAME,
      { ...junk(), ...defined({ createdBy: owner, team, unit }), ...attributes, owner: 'not the owner' }],
    ['a function of the record option', BY_FUNCTION,
      { ...junk(), by: { id: owner }, where: defined({ team, unit }), ...(attributes ? { data: attributes } : {}) }],
    ['a function returning a class instance', TO_INSTANCE, { ...junk(), call: new Call(plain) }],
  ];
  return all.map(([what, options, record]) => [what, options, record instanceof Call ? record : thrower(record)]);
}

/** Gates of `snap`, loaded once per options. */
function gates(snap) {
  const cache = new Map();
  return (options) => {
    if (!cache.has(options)) cache.set(options, Rolegate.load(snap, options));
    return cache.get(options);
  };
}

test('app records, with fields of their own of every type, decide as the plain record', () => {
  let checks = 0;
  for (const [name, snap] of orgs) {
    const plainGate = Rolegate.load(snap);
    const gateFor = gates(snap);
    const perms = snap.model.permissions.map((p) => p.id);
    const users = snap.org.users.map((u) => u.id);
    const unit = snap.org.units?.[0]?.id;
    for (const plain of records(snap)) {
      const wanted = { unit, record: plain };
      const want = users.map((user) => [perms.map((p) => plainGate.explain(user, p, wanted)), plainGate.permissions(user, wanted)]);
      for (const [what, options, record] of forms(plain)) {
        const gate = gateFor(options);
        const context = { unit, record };
        users.forEach((user, i) => {
          const me = gate.user(user);
          const where = `${name} ${what}: ${user} ${JSON.stringify(wanted)}`;
          perms.forEach((p, j) => {
            const why = want[i][0][j];
            assert.equal(gate.can(user, p, context), why.allowed, `${where} ${p}`);
            assert.equal(me.can(p, context), why.allowed, `${where} ${p} (handle)`);
            if (j % 3 === i % 3) assert.deepEqual(gate.explain(user, p, context), why, `${where} ${p}`);
            checks++;
          });
          assert.deepEqual(me.permissions(context), want[i][1], where);
          me.free();
        });
      }
    }
  }
  assert.ok(checks > 5000, `${checks} checks`);
});

test('a prepared app record decides as the plain record', () => {
  for (const [name, snap] of orgs) {
    const plainGate = Rolegate.load(snap);
    const gateFor = gates(snap);
    const users = snap.org.users.map((u) => u.id);
    for (const plain of records(snap).slice(0, 8)) {
      for (const [what, options, record] of forms(plain)) {
        const gate = gateFor(options);
        const context = { record };
        const prepared = gate.prepare(context);
        assert.equal(prepared.context, context, 'the context as it was given');
        for (const user of users) {
          for (const { id } of snap.model.permissions) {
            const want = plainGate.explain(user, id, { record: plain });
            assert.equal(gate.can(user, id, prepared), want.allowed, `${name} ${what}: ${user} ${id}`);
            assert.equal(gate.user(user).can(id, prepared), want.allowed);
            assert.deepEqual(gate.explain(user, id, prepared), want);
          }
          assert.deepEqual(gate.permissions(user, prepared), plainGate.permissions(user, { record: plain }));
        }
        prepared.free();
      }
    }
  }
});

test('the client engine reads records as its load says', async () => {
  for (const [name, snap] of orgs) {
    const full = Rolegate.load(snap);
    const gateFor = gates(snap);
    const perms = snap.model.permissions.map((p) => p.id);
    for (const user of snap.org.users.slice(0, 6).map((u) => u.id)) {
      const bytes = full.slice(user);
      const plainClient = await loadSlice(bytes);
      const clients = new Map();
      for (const plain of records(snap)) {
        const want = perms.map((p) => plainClient.explain(p, { record: plain }));
        const wantPermissions = plainClient.permissions({ record: plain });
        for (const [what, options, record] of forms(plain)) {
          if (!clients.has(options)) clients.set(options, [await loadSlice(bytes, options), readSlice(bytes, options)]);
          const [client, sync] = clients.get(options);
          const context = { record };
          const where = `${name} ${what}: ${user} ${JSON.stringify(plain)}`;
          perms.forEach((p, j) => {
            assert.equal(client.can(p, context), want[j].allowed, `${where} ${p}`);
            assert.equal(sync.can(p, context), want[j].allowed, `${where} ${p}`);
            if (j % 4 === 0) assert.deepEqual(client.explain(p, context), want[j], `${where} ${p}`);
            // As the full engine with the same reading (on names it knows).
            if (plain.owner !== 'ghost') assert.equal(client.can(p, context), gateFor(options).can(user, p, context), `${where} ${p}`);
          });
          assert.deepEqual(client.permissions(context), wantPermissions, where);
          const prepared = client.prepare(context);
          perms.forEach((p, j) => assert.equal(client.can(p, prepared), want[j].allowed, `${where} ${p} (prepared)`));
          prepared.free();
        }
      }
      for (const [client, sync] of clients.values()) {
        client.free();
        sync.free();
      }
    }
  }
});

test('a private call of the app is restricted, fast path or not', () => {
  const gate = Rolegate.load(vite);
  const ann = gate.user('ann');
  const call = { id: 'c1', title: 'Pricing', owner: 'bob', private: true, startedAt: new Date(), participants: [{ id: 'x' }] };
  assert.equal(ann.can('calls.view', { record: call }), false);
  assert.equal(ann.explain('calls.view', { record: call }).code, 'restricted');
  assert.equal(gate.user('bob').can('calls.view', { record: call }), true, 'unless own');
  assert.equal(ann.can('calls.view', { record: { ...call, private: false } }), true);
  assert.equal(ann.can('calls.view', { record: { ...call, private: undefined } }), true, 'undefined is absent');
  // `attributes` wins over the record's other fields.
  assert.equal(ann.can('calls.view', { record: { ...call, attributes: {} } }), true);
  assert.equal(ann.can('calls.view', { record: { ...call, private: false, attributes: { private: true } } }), false);
  // The case: an app call `{ id, title, owner }`.
  const me = gate.user('bob');
  assert.equal(me.can('calls.view', { record: { id: 'c2', title: 'Demo', owner: 'bob' } }), true);
  assert.equal(gate.user('dan').explain('calls.view', { record: { id: 'c2', title: 'Demo', owner: 'bob' } }).code, 'out_of_scope');
});

test('what rolegate reads must be well-formed: it denies with unknown_context at the app record\'s path', async () => {
  const byName = { record: { owner: 'ownerId', team: 'teamId', unit: 'siteId', attributes: 'fields' } };
  const byFunction = { record: (c) => ({ owner: c.by, attributes: c.data }) };
  /** [options, record, the path the message names]. */
  const cases = [
    [undefined, { id: 1, owner: 'bob', private: null }, 'record.private'],
    [undefined, { id: 1, owner: 'bob', private: new Date(0) }, 'record.private'],
    [undefined, { id: 1, owner: 'bob', private: { yes: true } }, 'record.private'],
    [undefined, { id: 1, owner: 'bob', private: NaN }, 'record.private'],
    [undefined, { id: 1, owner: 'bob', private: 1n }, 'record.private'],
    [undefined, { id: 1, owner: 'bob', private: [1] }, 'record.private[0]'],
    [undefined, { id: 1, owner: 'bob', private: 'a\uD800' }, 'record.private'],
    [undefined, { owner: 'bob', attributes: { private: null } }, 'record.attributes.private'],
    [undefined, { owner: 'bob', attributes: [] }, 'record.attributes'],
    [undefined, { owner: 'bob', attributes: 'private' }, 'record.attributes'],
    [undefined, { owner: 'bob', attributes: new Date(0) }, 'record.attributes'],
    [undefined, { id: 1, owner: { id: 'bob' } }, 'record.owner'],
    [undefined, { id: 1, owner: 7 }, 'record.owner'],
    [undefined, { id: 1, owner: 'bob', team: ['sales'] }, 'record.team'],
    [undefined, { id: 1, owner: 'bob', unit: 3 }, 'record.unit'],
    [undefined, { id: 1, get owner() { throw new Error('no'); } }, 'record.owner'],
    [undefined, { id: 1, owner: 'bob', get private() { throw new Error('no'); } }, 'record.private'],
    [byName, { ownerId: 7, owner: 'bob' }, 'record.ownerId'],
    [byName, { ownerId: 'bob', teamId: 5 }, 'record.teamId'],
    [byName, { ownerId: 'bob', siteId: {} }, 'record.siteId'],
    [byName, { ownerId: 'bob', fields: { private: null } }, 'record.fields.private'],
    [byName, { ownerId: 'bob', fields: ['private'] }, 'record.fields'],
    [byFunction, { by: 7 }, 'record.owner'],
    [byFunction, { by: 'bob', data: { private: [true] } }, 'record.attributes.private[0]'],
    [byFunction, { by: 'bob', data: [] }, 'record.attributes'],
    [{ record: () => { throw new Error('no such call'); } }, { id: 1 }, 'record: the `record` option threw: no such call'],
    [{ record: () => new Date(0) }, { id: 1 }, 'record'],
    [{ record: () => 'bob' }, { id: 1 }, 'record'],
  ];
  const full = Rolegate.load(vite);
  for (const [options, record, path] of cases) {
    const gate = Rolegate.load(vite, options);
    const client = readSlice(full.slice('ann'), options);
    const context = { record };
    const what = `${path} (${options ? 'with an option' : 'as it comes'})`;
    for (const user of ['ann', 'bob', 'dan']) {
      for (const { id } of vite.model.permissions) {
        assert.equal(gate.can(user, id, context), false, `${what}: ${user} ${id}`);
        assert.equal(gate.user(user).can(id, context), false, what);
        const e = gate.explain(user, id, context);
        assert.equal(e.code, 'unknown_context', `${what}: ${e.message}`);
        assert.ok(e.message.startsWith(`invalid context: ${path}`), `${what}: ${e.message}`);
      }
      assert.deepEqual(gate.permissions(user, context), [], what);
    }
    for (const { id } of vite.model.permissions) {
      assert.equal(client.can(id, context), false, `client ${what}`);
      assert.deepEqual(client.explain(id, context), gate.explain('ann', id, context), `client ${what}`);
    }
    assert.deepEqual(client.permissions(context), []);
    for (const g of [gate, client]) {
      assert.throws(() => g.prepare(context), (err) => err instanceof TypeError && err.message.includes(`: ${path}`), what);
    }
  }
});

test('contexts stay strict: only the record is the app\'s', () => {
  const gate = Rolegate.load(vite, { record: { owner: 'ownerId' } });
  const call = { ownerId: 'bob' };
  assert.equal(gate.can('ann', 'calls.view', { record: call }), true);
  for (const context of [{ recrod: call }, { record: call, teams: 'sales' }, new Date(0), [], { unit: 5, record: call },
    Object.assign(Object.create({ record: call }), {}), new (class Ctx { constructor() { this.record = call; } })()]) {
    assert.equal(gate.can('ann', 'calls.view', context), false, JSON.stringify(context));
    assert.equal(gate.explain('ann', 'calls.view', context).code, 'unknown_context');
    assert.throws(() => gate.prepare(context), TypeError);
  }
  // A record that is no record: an array, a built-in object, a primitive.
  for (const record of [[], ['bob'], new Date(0), new Map([['owner', 'bob']]), 'bob', 5, true, () => ({ owner: 'bob' })]) {
    for (const g of [gate, Rolegate.load(vite)]) {
      const e = g.explain('ann', 'calls.view', { record });
      assert.equal(e.code, 'unknown_context', `${String(record)}: ${e.message}`);
      assert.match(e.message, /^invalid context: record: /);
      assert.equal(g.can('ann', 'calls.view', { record }), false);
    }
  }
  // `null` and `undefined` are no record, with or without an option; so is
  // what a function of the record option returns as `null`.
  const none = gate.explain('ann', 'calls.view', {});
  assert.deepEqual(gate.explain('ann', 'calls.view', { record: null }), none);
  const dropped = Rolegate.load(vite, { record: () => null });
  assert.deepEqual(dropped.explain('ann', 'calls.view', { record: { owner: 'bob' } }), none);
  assert.equal(dropped.can('ann', 'calls.view', { record: { owner: 'bob' } }), none.allowed);
});

test('the record option is checked when loading', () => {
  const text = JSON.stringify(vite);
  const bad = [5, 'record', [], { recrd: {} }, { record: 5 }, { record: 'ownerId' }, { record: ['owner'] },
    { record: { ownr: 'x' } }, { record: { owner: 5 } }, { record: { owner: '' } },
    { record: { owner: 'id', attributes: 'id' } }];
  for (const options of bad) {
    assert.throws(() => Rolegate.load(vite, options), TypeError, JSON.stringify(options));
    assert.throws(() => Rolegate.fromJson(text, options), TypeError, JSON.stringify(options));
    assert.throws(() => readSlice(Rolegate.load(vite).slice('ann'), options), TypeError);
  }
  for (const options of [undefined, null, {}, { record: undefined }, { record: {} }, { record: { owner: undefined } }]) {
    const gate = Rolegate.load(vite, options);
    assert.equal(gate.can('ann', 'calls.view', { record: { owner: 'bob', private: true } }), false);
    assert.equal(gate.can('ann', 'calls.view', { record: { owner: 'bob' } }), true);
  }
  const fromJson = Rolegate.fromJson(text, { record: { owner: 'by' } });
  assert.equal(fromJson.can('dan', 'calls.view', { record: { by: 'dan' } }), true);
  assert.equal(fromJson.can('dan', 'calls.view', { record: { by: 'bob' } }), false);
  return assert.rejects(loadSlice(Rolegate.load(vite).slice('ann'), { record: 5 }), TypeError);
});

test('a record marked as rolegate\'s own is read without the option (the DOM helper\'s)', () => {
  const own = Symbol.for('rolegate.record');
  for (const options of [{ record: { owner: 'ownerId' } }, { record: (c) => ({ owner: c.by }) }]) {
    const gate = Rolegate.load(vite, options);
    const record = { [own]: true, owner: 'bob', attributes: { private: true } };
    assert.equal(gate.user('bob').can('calls.view', { record }), true);
    assert.equal(gate.user('dan').explain('calls.view', { record: { [own]: true, owner: 'bob' } }).code, 'out_of_scope');
    assert.equal(gate.user('ann').explain('calls.view', { record }).code, 'restricted');
  }
});

test('attributes named like members of Object.prototype are read from the record only', () => {
  const snap = {
    model: {
      permissions: [{ id: 'docs.view', record: true }],
      roles: [{ id: 'reader', grants: [{ permission: 'docs.view' }] }],
      restrictions: [{ id: 'odd', permissions: ['docs.view'], when: { any: [{ attr: 'record.constructor', present: true }, { attr: 'record.toString', eq: 'x' }] }, message: 'odd' }],
    },
    org: { users: [{ id: 'ann', roles: [{ role: 'reader' }] }] },
  };
  const gate = Rolegate.load(snap);
  const me = gate.user('ann');
  for (const record of [{ owner: 'ann' }, { owner: 'ann', attributes: {} }, new Customer(1), { attributes: Object.create(null) }]) {
    assert.equal(me.can('docs.view', { record }), true, 'inherited members are not attributes');
    assert.equal(me.explain('docs.view', { record }).code, 'granted');
  }
  assert.equal(me.can('docs.view', { record: { owner: 'ann', constructor: 'mine' } }), false, 'an own one is');
  assert.equal(me.can('docs.view', { record: { attributes: { toString: 'x' } } }), false);
  assert.equal(me.explain('docs.view', { record: { attributes: { toString: 'x' } } }).code, 'restricted');
});
