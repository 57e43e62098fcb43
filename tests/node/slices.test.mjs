// Slices through the npm package: `gate.slice(user)` of the full engine,
// read by `loadSlice` of `rolegate/client` (the lean client wasm), decides
// as the full engine for every user of the sample orgs, on every unit, team
// and owner, with plain, malformed and prepared contexts; damaged bytes are
// a `SliceError`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Rolegate, SliceError as FullSliceError } from 'rolegate';
import { loadSlice, ClientGate, SliceError } from 'rolegate/client';

const ORGS = new URL('../../www/orgs/', import.meta.url);
const orgs = readdirSync(ORGS).filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, ORGS), 'utf8'))]);

class Thing {
  constructor(owner) {
    this.owner = owner;
  }
}

/**
 * Names that are not well-formed UTF-16: unknown to the full engine, and to
 * a slice too (not its stand-in for someone out of reach). The client's JS
 * resolves a slice's names itself (`layout.tables`), so it must tell them apart.
 */
const LONE = [{ record: { owner: 'a\uD800' } }, { team: 'a\uDC00' }, { unit: '\uD800' }, { record: { team: 'b\uDFFF' } }];

/** The contexts a slice is compared on: plain, unknown and malformed. */
function contexts(s) {
  const out = [undefined, null, {}];
  for (const u of s.org.units ?? []) out.push({ unit: u.id });
  for (const t of s.org.teams ?? []) out.push({ team: t.id });
  const teams = s.org.teams ?? [];
  s.org.users.forEach((u, i) => {
    out.push({ record: { owner: u.id } });
    if (teams.length) out.push({ record: { owner: u.id, team: teams[i % teams.length].id } });
    if (teams.length) out.push({ team: teams[(i + 1) % teams.length].id, record: { owner: u.id, attributes: { status: 'open' } } });
  });
  out.push({ unit: 5 }, { record: { owner: 7 } }, { nope: 1 }, { record: new Thing(s.org.users[0].id) }, [], 'sales', { record: { attributes: { k: [1, {}] } } }, ...LONE);
  return out;
}

test('every user\'s slice decides as the full engine', async () => {
  let checks = 0;
  for (const [name, snapshot] of orgs) {
    const gate = Rolegate.load(snapshot);
    const perms = [...snapshot.model.permissions.map((p) => p.id), 'no.such.permission', 5];
    const ctxs = contexts(snapshot);
    for (const user of snapshot.org.users) {
      const bytes = gate.slice(user.id);
      assert.ok(bytes instanceof Uint8Array);
      const me = await loadSlice(bytes);
      assert.ok(me instanceof ClientGate);
      assert.equal(me.id, user.id);
      assert.equal(me.fingerprint, gate.fingerprint);
      const full = gate.user(user.id);
      for (const ctx of ctxs) {
        for (const p of perms) {
          const where = `${name}: ${user.id} ${p} ${JSON.stringify(ctx)}`;
          assert.deepEqual(me.explain(p, ctx), full.explain(p, ctx), where);
          assert.equal(me.can(p, ctx), full.can(p, ctx), where);
          checks++;
        }
        assert.deepEqual(me.permissions(ctx), full.permissions(ctx), `${name}: ${user.id}`);
      }
      // Prepared contexts, and the other locale.
      for (const ctx of ctxs.filter((c) => c && typeof c === 'object' && !Array.isArray(c) && !(c.record instanceof Thing) && typeof c.unit !== 'number' && !('nope' in c) && typeof c.record?.owner !== 'number' && !Array.isArray(c.record?.attributes?.k) && !LONE.includes(c))) {
        const mine = me.prepare(ctx);
        const theirs = gate.prepare(ctx);
        for (const p of perms.slice(0, -1)) {
          assert.equal(me.can(p, mine), full.can(p, theirs), `${name}: prepared ${user.id} ${p} ${JSON.stringify(ctx)}`);
          assert.deepEqual(me.explain(p, ctx, { locale: 'fr' }), full.explain(p, ctx, { locale: 'fr' }));
        }
        mine.free();
        theirs.free();
      }
      me.free();
      full.free();
    }
    gate.free();
  }
  assert.ok(checks > 10000, `${checks} checks`);
});

test('a damaged or foreign slice is a SliceError, and so is a slice of nobody', async () => {
  const [, snapshot] = orgs[0];
  const gate = Rolegate.load(snapshot);
  const bytes = gate.slice(snapshot.org.users[0].id);
  assert.equal(SliceError, FullSliceError, 'one SliceError class for both entries');
  const kind = async (b) => {
    try {
      await loadSlice(b);
    } catch (e) {
      assert.ok(e instanceof SliceError && e instanceof Error, String(e));
      assert.equal(e.name, 'SliceError');
      return e.kind;
    }
    assert.fail('loaded');
  };
  assert.equal(await kind(bytes.slice(0, bytes.length - 1)), 'truncated');
  const bad = bytes.slice();
  bad[bad.length - 10] ^= 1;
  assert.equal(await kind(bad), 'corrupt');
  const other = bytes.slice();
  other[4] = 99;
  assert.equal(await kind(other), 'version');
  assert.equal(await kind(new TextEncoder().encode(JSON.stringify(snapshot))), 'not_a_slice');
  assert.equal(await kind('not bytes'), 'not_a_slice');
  // An ArrayBuffer works as well as a Uint8Array.
  const me = await loadSlice(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  assert.equal(me.id, snapshot.org.users[0].id);
  assert.throws(() => gate.slice('no-such-user'), (e) => e instanceof SliceError && e.kind === 'unknown_user' && /no-such-user/.test(e.message));
});
