// Differential test through the npm package: for the sample orgs and random
// arguments of every type (names, unknown names, lone surrogates, numbers,
// null, arrays, Dates, class instances, getters, nested junk), every way of
// asking gives the same answer and nothing throws: `can`, `explain().allowed`,
// `user().can`, `permissions` and a prepared context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Rolegate } from 'rolegate';

const ORGS = new URL('../../www/orgs/', import.meta.url);
const orgs = readdirSync(ORGS).filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, ORGS), 'utf8'))]);

/** mulberry32: a seeded PRNG, so a failure can be replayed. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Thing {
  constructor() {
    this.unit = 'x';
  }
}

function generator(snap, rnd) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const names = [
    ...snap.org.users.map((u) => u.id), ...(snap.org.units ?? []).map((u) => u.id),
    ...(snap.org.teams ?? []).map((t) => t.id), 'ghost', '', 'a\uD800b',
  ];
  const attributeValues = () => [true, false, 0, 3.5, 'open', pick(names), NaN, Infinity, null,
    ['a', 'b'], [1], { x: 1 }, new Date(0), 10n, undefined];
  const odd = () => [undefined, null, 5, 'x', [], new Date(0), new Thing(), Object.create({ unit: 'x' }),
    Symbol('s'), () => 1, 7n, new Map()];
  const name = () => (rnd() < 0.85 ? pick(names) : pick(odd()));
  const attributes = () => {
    const a = {};
    for (const key of ['staff', 'staffGroup', 'restricted', 'status', 'private', 'other']) {
      if (rnd() < 0.4) a[key] = pick(attributeValues());
    }
    return rnd() < 0.9 ? a : pick(odd());
  };
  const record = () => {
    const r = {};
    if (rnd() < 0.8) r.owner = name();
    if (rnd() < 0.4) r.team = name();
    if (rnd() < 0.3) r.unit = name();
    if (rnd() < 0.5) r.attributes = attributes();
    if (rnd() < 0.05) r.extra = 1;
    if (rnd() < 0.05) Object.defineProperty(r, 'owner', { get: () => { throw new Error('no'); }, enumerable: true });
    return rnd() < 0.95 ? r : pick(odd());
  };
  const context = () => {
    if (rnd() < 0.1) return pick(odd());
    const c = {};
    if (rnd() < 0.3) c.unit = name();
    if (rnd() < 0.2) c.team = name();
    if (rnd() < 0.7) c.record = record();
    if (rnd() < 0.03) c.unitt = 'x';
    return c;
  };
  const user = () => (rnd() < 0.9 ? pick(snap.org.users).id : pick(odd()));
  const permission = () => (rnd() < 0.9 ? pick(snap.model.permissions).id : pick([...odd(), 'nope']));
  return { context, user, permission };
}

test('every way of asking agrees on random arguments, and nothing throws', () => {
  let checks = 0;
  for (const [name, snap] of orgs) {
    const gate = Rolegate.load(snap);
    const rnd = prng(name.length * 7919);
    const g = generator(snap, rnd);
    for (let i = 0; i < 1500; i++) {
      const [user, permission, context] = [g.user(), g.permission(), g.context()];
      const what = `${name} #${i}`;
      const can = gate.can(user, permission, context);
      assert.equal(typeof can, 'boolean', what);
      assert.equal(gate.explain(user, permission, context).allowed, can, `${what}: explain`);
      assert.equal(gate.user(user).can(permission, context), can, `${what}: user().can`);
      const listed = gate.permissions(user, context);
      if (typeof permission === 'string' && permission !== 'nope') {
        assert.equal(listed.includes(permission), can, `${what}: permissions`);
      }
      let prepared;
      try {
        prepared = gate.prepare(context);
      } catch (e) {
        assert.ok(e instanceof TypeError, `${what}: prepare throws a TypeError`);
        assert.equal(can, false, `${what}: a context prepare rejects is denied`);
      }
      if (prepared) {
        assert.equal(gate.can(user, permission, prepared), can, `${what}: prepared`);
        assert.equal(gate.user(user).can(permission, prepared), can, `${what}: prepared, user()`);
        assert.equal(gate.explain(user, permission, prepared).allowed, can, `${what}: prepared explain`);
        prepared.free();
      }
      checks++;
    }
    gate.free();
  }
  assert.ok(checks >= 6000);
});
