// The packed tarball from Node 20 ESM: `import ... from 'rolegate'`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Rolegate, SnapshotError, UserGate } from 'rolegate';

const ORGS = new URL('../../www/orgs/', import.meta.url);
const orgs = readdirSync(ORGS).filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, ORGS), 'utf8'))]);

/** Contexts to check in: none, each unit and team, a record of each user. */
function contexts(s) {
  const all = [undefined];
  for (const u of s.org.units ?? []) all.push({ unit: u.id }, { record: { owner: s.org.users[0].id, unit: u.id } });
  for (const t of s.org.teams ?? []) all.push({ team: t.id });
  for (const u of s.org.users) {
    all.push({ record: { owner: u.id } });
    for (const t of s.org.teams ?? []) all.push({ record: { owner: u.id, team: t.id } });
  }
  all.push({ record: {} }, { record: { owner: 'ghost' } }, { unit: 'atlantis' });
  return all;
}

test('every sample org loads, from an object and from JSON text', () => {
  assert.ok(orgs.length >= 4);
  for (const [name, s] of orgs) {
    const gate = Rolegate.load(s);
    assert.ok(Array.isArray(gate.warnings()), name);
    Rolegate.fromJson(JSON.stringify(s)).free();
    gate.free();
  }
});

test('the cached fast path agrees with explain on every check', () => {
  let checks = 0;
  for (const [name, s] of orgs) {
    const gate = Rolegate.load(s);
    for (const ctx of contexts(s)) {
      for (const u of s.org.users) {
        const me = gate.user(u.id);
        assert.ok(me instanceof UserGate);
        for (const p of s.model.permissions) {
          const why = gate.explain(u.id, p.id, ctx);
          const what = `${name}: ${u.id} ${p.id} ${JSON.stringify(ctx)}`;
          assert.equal(typeof why.message, 'string', what);
          // twice: the first call fills the name cache, the second reads it
          for (let i = 0; i < 2; i++) {
            assert.equal(me.can(p.id, ctx), why.allowed, what);
            assert.equal(gate.can(u.id, p.id, ctx), why.allowed, what);
          }
          assert.deepEqual(me.explain(p.id, ctx), why, what);
          checks++;
        }
      }
    }
    gate.free();
  }
  assert.ok(checks > 1000);
});

test('record attributes and odd contexts take the ordinary path and agree', () => {
  const [, s] = orgs.find(([f]) => f === 'jrni.json') ?? orgs[0];
  const gate = Rolegate.load(s);
  const user = s.org.users[0].id;
  for (const p of s.model.permissions) {
    for (const ctx of [{ record: { owner: user, attributes: { staff: 'x' } } }, { unit: 5 }, { unitt: 'x' }, [], 'x', 7]) {
      assert.equal(gate.user(user).can(p.id, ctx), gate.explain(user, p.id, ctx).allowed, `${p.id} ${JSON.stringify(ctx)}`);
    }
  }
});

test('unknown names deny with a code and never throw', () => {
  const [, s] = orgs[0];
  const gate = Rolegate.load(s);
  const perm = s.model.permissions[0].id;
  assert.equal(gate.can('nobody', perm), false);
  assert.equal(gate.explain('nobody', perm).code, 'unknown_user');
  assert.equal(gate.user('nobody').can(perm), false);
  assert.equal(gate.can(s.org.users[0].id, 'no.such'), false);
  assert.equal(gate.explain(s.org.users[0].id, 'no.such').code, 'unknown_permission');
  assert.equal(gate.explain(s.org.users[0].id, perm, { unit: 'atlantis' }).code, 'unknown_context');
  assert.equal(gate.explain(s.org.users[0].id, perm, 42).code, 'unknown_context');
  assert.deepEqual(gate.permissions('nobody'), []);
});

test('a bad snapshot throws one SnapshotError with every problem', () => {
  const bad = {
    model: { permissions: [{ id: 'a' }], roles: [{ id: 'r', grants: [{ permission: 'a' }] }] },
    org: { users: [{ id: 'u1', manager: 'ghost', roles: [{ role: 'wizard' }] }, { id: 'u2', manager: 'u3' }, { id: 'u3', manager: 'u2' }] },
  };
  for (const load of [() => Rolegate.load(bad), () => Rolegate.fromJson(JSON.stringify(bad))]) {
    assert.throws(load, (e) => {
      assert.ok(e instanceof SnapshotError);
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'SnapshotError');
      assert.match(e.message, /^invalid snapshot/);
      assert.ok(typeof e.stack === 'string');
      const paths = e.problems.map((p) => p.path);
      assert.ok(paths.includes('org.users[0].manager'), paths.join());
      assert.ok(paths.includes('org.users[0].roles[0].role'), paths.join());
      assert.ok(e.problems.some((p) => /cycle/.test(p.message)), JSON.stringify(e.problems));
      return true;
    });
  }
  for (const value of [{}, [], null, undefined, 'x', 5]) {
    assert.throws(() => Rolegate.load(value), SnapshotError, JSON.stringify(value));
  }
  assert.throws(() => Rolegate.fromJson('{'), SnapshotError);
});

test('fromJson rejects a duplicate key at its path (JSON.stringify never writes one)', () => {
  const text = '{"model":{"permissions":[],"roles":[]},"org":{"users":[{"id":"a","id":"b"}]}}';
  assert.throws(() => Rolegate.fromJson(text), (e) => {
    assert.ok(e instanceof SnapshotError);
    assert.deepEqual(e.problems.map((p) => p.path), ['org.users[0].id']);
    assert.match(e.problems[0].message, /^duplicate key `id`/);
    return true;
  });
});

test('a label that is not well-formed UTF-16 is a problem at its path', () => {
  const snapshot = {
    model: { permissions: [{ id: 'a', label: 'Enregistrer \uD800' }], roles: [] },
    org: { users: [{ id: 'u1', manager: 'ghost' }] },
  };
  for (const load of [() => Rolegate.load(snapshot), () => Rolegate.fromJson(JSON.stringify(snapshot))]) {
    assert.throws(load, (e) => {
      assert.ok(e instanceof SnapshotError);
      const at = e.problems.find((p) => p.path === 'model.permissions[0].label');
      assert.ok(at && /lone surrogate/.test(at.message), JSON.stringify(e.problems));
      return true;
    });
  }
});

test('free() and Symbol.dispose release the engine', () => {
  const [, s] = orgs[0];
  const gate = Rolegate.load(s);
  const me = gate.user(s.org.users[0].id);
  gate.free();
  assert.throws(() => gate.explain('x', 'y'));
  // the bound handle keeps its own reference to the engine
  assert.equal(typeof me.can(s.model.permissions[0].id), 'boolean');
  me.free();
  assert.equal(typeof Symbol.dispose, 'symbol');
  const other = Rolegate.load(s);
  other[Symbol.dispose]();
  assert.throws(() => other.seats());
});

test('seats, matrix and canAssign return plain data', () => {
  for (const [name, s] of orgs) {
    const gate = Rolegate.load(s);
    const matrix = gate.matrix();
    assert.equal(matrix.permissions.length, matrix.cells.length, name);
    assert.ok(matrix.cells.every((row) => row.length === matrix.roles.length), name);
    for (const seat of gate.seats()) assert.equal(seat.used, seat.holders.length, name);
    const a = gate.canAssign(s.org.users[0].id, s.model.roles[0].id, { user: s.org.users[1].id });
    assert.equal(typeof a.allowed, 'boolean');
    assert.equal(gate.canAssign(s.org.users[0].id, 'no.such.role', {}).code, 'unknown_role');
  }
});

test('a wasm instance that traps is replaced: its engines deny, later loads work', async () => {
  const [, s] = orgs[0];
  const user = s.org.users[0].id;
  const before = Rolegate.load(s);
  const allowed = before.permissions(user);
  assert.ok(allowed.length > 0);
  const me = before.user(user);
  const prepared = before.prepare({ record: { owner: user } });
  // A trap: an engine whose pointer lies outside the instance's memory.
  // The glue's `Core` (not exported by the package): the same module the entry loaded.
  const { Core } = await import(new URL('rolegate.js', import.meta.resolve('rolegate')).href);
  const bogus = Object.create(Core.prototype);
  bogus.__wbg_ptr = 0xfffffff0;
  assert.throws(() => new Rolegate(bogus), /engine was lost/);
  // The engines of the failed instance deny, with a code saying why.
  assert.equal(before.can(user, allowed[0]), false);
  assert.equal(before.can(user, allowed[0], prepared), false);
  assert.equal(me.can(allowed[0]), false);
  assert.equal(before.explain(user, allowed[0]).code, 'engine_lost');
  assert.equal(me.explain(allowed[0]).code, 'engine_lost');
  assert.deepEqual(before.permissions(user), []);
  assert.equal(before.canAssign(user, s.model.roles[0].id, { user }).code, 'engine_lost');
  assert.throws(() => before.matrix(), /engine was lost/);
  prepared.free();
  me.free();
  before.free();
  // A load after it works in a fresh instance, and decides as before.
  const after = Rolegate.load(s);
  assert.deepEqual(after.permissions(user), allowed);
  assert.equal(after.can(user, allowed[0]), true);
  after.free();
});

test('a name that is not well-formed UTF-16 never matches a snapshot name', () => {
  // wasm-bindgen turns a lone surrogate into U+FFFD: `j\uD800rg` must not be
  // taken for the user `j\uFFFDrg`.
  const R = '\uFFFD';
  const gate = Rolegate.load({
    model: {
      permissions: [{ id: `p${R}`, record: true }],
      roles: [{ id: 'r', grants: [{ permission: `p${R}`, when: { attr: 'record.k', eq: `a${R}` } }] }],
    },
    org: {
      units: [{ id: `u${R}` }],
      teams: [{ id: `t${R}` }],
      users: [{ id: `j${R}rg`, teams: [`t${R}`], roles: [{ role: 'r' }] }],
    },
  });
  const good = { record: { attributes: { k: `a${R}` } } };
  assert.equal(gate.can(`j${R}rg`, `p${R}`, good), true);
  assert.equal(gate.user(`j${R}rg`).can(`p${R}`, good), true);
  for (const [user, perm, context] of [
    ['j\uD800rg', `p${R}`, good],
    [`j${R}rg`, 'p\uDC00', good],
    [`j${R}rg`, `p${R}`, { record: { attributes: { k: 'a\uD800' } } }],
    [`j${R}rg`, `p${R}`, { ...good, unit: 'u\uD800' }],
    [`j${R}rg`, `p${R}`, { ...good, team: 't\uDBFF' }],
  ]) {
    assert.equal(gate.can(user, perm, context), false, JSON.stringify([user, perm, context]));
    assert.equal(gate.user(user).can(perm, context), false);
    assert.equal(gate.explain(user, perm, context).allowed, false);
  }
  assert.equal(gate.explain('j\uD800rg', `p${R}`).code, 'unknown_user');
  assert.equal(gate.explain(`j${R}rg`, 'p\uDC00').code, 'unknown_permission');
  gate.free();
});

test('an assignment that would make the org invalid says so; no_grant names the role that would grant', () => {
  const s = orgs.find(([name]) => name === 'jiminny.json')[1];
  const gate = Rolegate.load(s);
  const voice = gate.canAssign('olivia', 'voice', { user: 'hannah' });
  assert.equal(voice.code, 'would_be_invalid');
  assert.match(voice.message, /requires role `recorder`/);
  const why = gate.explain('hannah', 'settings.organisation');
  assert.equal(why.code, 'no_grant');
  assert.equal(why.role, undefined);
  assert.equal(typeof why.wouldBeGrantedBy, 'string');
  gate.free();
});
