// The JS fast path (names cached as indexes, record attributes as slots, a
// handle's permission mask) gives the same answers as the ordinary path
// (`explain`, which parses the context in wasm), on every sample org.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Rolegate } from 'rolegate';

const ORGS = new URL('../../www/orgs/', import.meta.url);
const orgs = readdirSync(ORGS).filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, ORGS), 'utf8'))]);

test('fast checks with record attributes agree with explain', () => {
  let checks = 0;
  for (const [name, snap] of orgs) {
    const gate = Rolegate.load(snap);
    const users = snap.org.users.map((u) => u.id);
    const units = [undefined, ...(snap.org.units ?? []).map((u) => u.id)];
    const teams = [undefined, ...(snap.org.teams ?? []).map((t) => t.id)];
    // Every string value users hold, plus values the snapshot never mentions.
    const values = [true, false, 3, 'stranger', 'another stranger', undefined,
      ...snap.org.users.flatMap((u) => Object.values(u.attributes ?? {}).filter((v) => typeof v === 'string'))];
    const keys = ['staff', 'staffGroup', 'restricted', 'status', 'private'];
    for (const [i, user] of users.entries()) {
      const me = gate.user(user);
      for (const [j, { id }] of snap.model.permissions.entries()) {
        assert.equal(me.can(id), gate.explain(user, id).allowed, `${name} ${user} ${id} without context`);
        for (let k = 0; k < 6; k++) {
          const attributes = {};
          for (const key of keys) attributes[key] = values[(i + j + k + key.length) % values.length];
          const context = {
            unit: units[(i + k) % units.length],
            record: { owner: users[(i * 7 + j + k) % users.length], team: teams[(j + k) % teams.length], attributes },
          };
          const want = gate.explain(user, id, context).allowed;
          assert.equal(gate.can(user, id, context), want, `${name} ${user} ${id} ${JSON.stringify(context)}`);
          assert.equal(me.can(id, context), want, `${name} handle ${user} ${id} ${JSON.stringify(context)}`);
          checks += 1;
        }
      }
    }
    gate.free();
  }
  assert.ok(checks > 1000);
});

test('a list attribute takes the ordinary path and still decides', () => {
  const [, snap] = orgs.find(([f]) => f.startsWith('jrni'));
  const gate = Rolegate.load(snap);
  const user = snap.org.users[0].id;
  const perm = snap.model.permissions[0].id;
  const context = { record: { owner: user, attributes: { staffGroup: ['a', 'b'] } } };
  assert.equal(gate.can(user, perm, context), gate.explain(user, perm, context).allowed);
});

test('prepared contexts answer as the context they were made from', async () => {
  const { Prepared } = await import('rolegate');
  for (const [name, snap] of orgs) {
    const gate = Rolegate.load(snap);
    const users = snap.org.users.map((u) => u.id);
    const units = [undefined, ...(snap.org.units ?? []).map((u) => u.id)];
    for (const [i, owner] of users.entries()) {
      const attributes = { staff: snap.org.users[i].attributes?.staff ?? 'nobody', staffGroup: 'physio', restricted: i % 2 === 0 };
      const context = { unit: units[i % units.length], record: { owner, attributes } };
      const prepared = gate.prepare(context);
      assert.ok(prepared instanceof Prepared);
      assert.deepEqual(prepared.context, context);
      for (const user of users) {
        const me = gate.user(user);
        for (const { id } of snap.model.permissions) {
          const want = gate.explain(user, id, context).allowed;
          assert.equal(gate.can(user, id, prepared), want, `${name} ${user} ${id}`);
          assert.equal(me.can(id, prepared), want, `${name} handle ${user} ${id}`);
        }
        assert.deepEqual(me.permissions(prepared), me.permissions(context));
        assert.deepEqual(gate.explain(user, snap.model.permissions[0].id, prepared), gate.explain(user, snap.model.permissions[0].id, context));
      }
      prepared.free();
    }
    // A context prepared by another engine denies.
    const other = Rolegate.load(snap);
    const foreign = other.prepare({});
    assert.equal(gate.can(users[0], snap.model.permissions[0].id, foreign), false);
    assert.throws(() => gate.prepare(42), /expected a context/);
  }
});
