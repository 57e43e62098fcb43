// One answer for a malformed context, whatever path asks: `can`, `explain`,
// `permissions`, a bound handle's `can`, `prepare` (which throws a TypeError
// naming the field) and, in the page test, the DOM helper. A context the
// buffer cannot hold is read by the engine, never decided in JS. (A record's
// fields rolegate does not use are ignored: records.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Rolegate } from 'rolegate';

const snap = JSON.parse(readFileSync(new URL('../../www/orgs/jrni.json', import.meta.url), 'utf8'));

class Place {
  constructor() {
    this.unit = snap.org.units?.[0]?.id;
  }
}

/** [what, context, the field `prepare` names (a substring of its message)]. */
const MALFORMED = [
  ['an array', [], 'expected an object'],
  ['an array with a unit', Object.assign([], { unit: 'x' }), 'expected an object'],
  ['a Date', new Date(0), 'Date'],
  ['a class instance', new Place(), 'Place'],
  ['an object inheriting its unit', Object.create({ unit: 'x' }), 'not plain'],
  ['a Map', new Map([['unit', 'x']]), 'Map'],
  ['a number', 42, 'expected an object'],
  ['a string', 'unit', 'expected an object'],
  ['true', true, 'expected an object'],
  ['a function', () => ({}), 'function'],
  ['a BigInt', 5n, 'BigInt'],
  ['a symbol', Symbol('x'), 'symbol'],
  ['an unknown key', { unitt: 'x' }, 'unitt'],
  ['a toJSON method', { toJSON: () => ({}) }, 'toJSON'],
  ['a unit that is a number', { unit: 5 }, 'unit'],
  ['a team that is an object', { team: {} }, 'team'],
  ['a record that is an array', { record: [] }, 'record'],
  ['a record that is a Date', { record: new Date(0) }, 'record'],
  ['an owner that is a number', { record: { owner: 7 } }, 'record.owner'],
  ['an owner getter that throws', { record: { get owner() { throw new Error('no'); } } }, 'owner'],
  ['attributes that are an array', { record: { attributes: [] } }, 'attributes'],
  ['an attribute null', { record: { attributes: { staff: null } } }, 'staff'],
  ['an attribute object', { record: { attributes: { staff: { id: 1 } } } }, 'staff'],
  ['an attribute Date', { record: { attributes: { staff: new Date(0) } } }, 'staff'],
  ['an attribute NaN', { record: { attributes: { staff: NaN } } }, 'staff'],
  ['an attribute Infinity', { record: { attributes: { staff: Infinity } } }, 'staff'],
  ['an attribute BigInt', { record: { attributes: { staff: 1n } } }, 'staff'],
  ['an attribute list of numbers', { record: { attributes: { staff: [1, 2] } } }, 'staff'],
  ['an attribute lone surrogate', { record: { attributes: { staff: 'a\uD800' } } }, 'staff'],
  ['a unit lone surrogate', { unit: 'a\uDC00' }, 'unit'],
];

test('a malformed context denies the same way through every path', () => {
  const gate = Rolegate.load(snap);
  const users = snap.org.users.map((u) => u.id);
  let cases = 0;
  for (const [what, context, field] of MALFORMED) {
    for (const user of users) {
      const me = gate.user(user);
      assert.deepEqual(gate.permissions(user, context), [], `${what}: permissions`);
      assert.deepEqual(me.permissions(context), [], `${what}: handle permissions`);
      for (const { id } of snap.model.permissions) {
        assert.equal(gate.can(user, id, context), false, `${what}: can ${user} ${id}`);
        assert.equal(me.can(id, context), false, `${what}: handle can ${user} ${id}`);
        const e = gate.explain(user, id, context);
        assert.equal(e.allowed, false, `${what}: explain`);
        assert.equal(e.code, 'unknown_context', `${what}: ${e.message}`);
        assert.match(e.message, /^invalid context/, what);
        assert.deepEqual(me.explain(id, context), e, `${what}: handle explain`);
        cases++;
      }
    }
    assert.throws(() => gate.prepare(context), (err) => {
      assert.ok(err instanceof TypeError, `${what}: ${err}`);
      assert.ok(err.message.includes(field), `${what}: ${err.message} should name ${field}`);
      return true;
    });
  }
  assert.ok(cases > 100);
});

test('undefined and null are no context; plain objects in every form are read alike', () => {
  const gate = Rolegate.load(snap);
  const user = snap.org.users[0].id;
  const unit = snap.org.units[0].id;
  for (const { id } of snap.model.permissions) {
    const none = gate.can(user, id);
    assert.equal(gate.can(user, id, undefined), none);
    assert.equal(gate.can(user, id, null), none);
    const at = gate.can(user, id, { unit });
    const bare = Object.assign(Object.create(null), { unit });
    assert.equal(gate.can(user, id, bare), at, 'an object without a prototype is plain');
    assert.equal(gate.can(user, id, { unit, team: undefined }), at, 'undefined members are absent');
    assert.equal(gate.can(user, id, { get unit() { return unit; } }), at, 'an own getter is read');
    assert.equal(gate.explain(user, id, { unit }).allowed, at);
  }
});

test('decisions never throw, whatever the user or permission argument', () => {
  const gate = Rolegate.load(snap);
  const user = snap.org.users[0].id;
  const perm = snap.model.permissions[0].id;
  const odd = [undefined, null, 5, NaN, [], {}, [user], Symbol('u'), 7n, () => user, 'a\uD800', new String(user)];
  for (const value of odd) {
    assert.equal(gate.can(value, perm), false);
    assert.equal(gate.can(user, value), false);
    assert.equal(gate.user(value).can(perm), false);
    assert.equal(gate.user(user).can(value), false);
    assert.equal(gate.explain(value, perm).allowed, false);
    assert.equal(gate.explain(user, value).allowed, false);
    assert.deepEqual(gate.permissions(value), []);
    assert.equal(gate.canAssign(value, snap.model.roles[0].id).allowed, false);
    assert.equal(gate.canAssign(user, value).allowed, false);
  }
  assert.equal(gate.explain(5, perm).code, 'unknown_user');
  assert.equal(gate.explain(user, null).code, 'unknown_permission');
});

test('a prepared context of another engine, or a freed one, denies everywhere', () => {
  // Jiminny's roles are org-wide, so the empty context grants something.
  const snap = JSON.parse(readFileSync(new URL('../../www/orgs/jiminny.json', import.meta.url), 'utf8'));
  const a = Rolegate.load(snap);
  const b = Rolegate.load(snap);
  const grantedTo = (u) => snap.model.permissions.map((p) => p.id).filter((p) => a.can(u, p, {}));
  const user = snap.org.users.map((u) => u.id).find((u) => grantedTo(u).length > 0);
  const granted = grantedTo(user);
  assert.ok(granted.length > 0);
  const foreign = b.prepare({});
  const freed = a.prepare({});
  freed.free();
  for (const prepared of [foreign, freed]) {
    for (const p of granted) {
      assert.equal(a.can(user, p, prepared), false);
      assert.equal(a.user(user).can(p, prepared), false);
      assert.equal(a.explain(user, p, prepared).code, 'unknown_context');
    }
    assert.deepEqual(a.permissions(user, prepared), []);
  }
  const own = a.prepare({});
  for (const p of granted) assert.equal(a.can(user, p, own), true);
});
