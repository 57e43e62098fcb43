// Node 20's V8 aborts the whole process ("Fatal error ... unreachable code",
// in Deoptimizer::DoComputeBuiltinContinuation) when it lazily deoptimizes a
// JS function into which it inlined a call of a wasm export returning one
// externref, during that call. Lazy deoptimization follows a garbage
// collection or a changed object shape, so an app would crash now and then,
// under load. V8 inlines no call with more than one result: no export of
// either wasm may return a lone externref (src/wasm/engine.rs, `Value`).
// The second test runs every method that returns a JS value under forced
// deoptimization (`--deopt-every-n-times`), which crashed before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PKG = new URL('./', import.meta.resolve('rolegate'));

/** The exports of a wasm module with their result types (its type, import, function and export sections). */
function exportResults(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const name = () => {
    const n = leb();
    const s = new TextDecoder().decode(bytes.subarray(at, at + n));
    at += n;
    return s;
  };
  const NAMES = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };
  const types = [];
  const functions = [];
  const exports = [];
  while (at < bytes.length) {
    const section = bytes[at++];
    const end = leb() + at;
    if (section === 1) {
      for (let n = leb(); n > 0; n--) {
        assert.equal(bytes[at++], 0x60, 'a function type');
        const parameters = leb();
        at += parameters; // one byte each (no typed references here)
        const results = [];
        for (let k = leb(); k > 0; k--) results.push(NAMES[bytes[at++]] ?? 'other');
        types.push(results);
      }
    } else if (section === 2) {
      for (let n = leb(); n > 0; n--) {
        name();
        name();
        const kind = bytes[at++];
        if (kind === 0) functions.push(leb());
        else if (kind === 1) { at++; if (leb() & 1) leb(); leb(); }
        else if (kind === 2) { if (leb() & 1) leb(); leb(); }
        else if (kind === 3) at += 2;
        else assert.fail(`import kind ${kind}`);
      }
    } else if (section === 3) {
      for (let n = leb(); n > 0; n--) functions.push(leb());
    } else if (section === 7) {
      for (let n = leb(); n > 0; n--) {
        const exported = name();
        const kind = bytes[at++];
        const index = leb();
        if (kind === 0) exports.push([exported, types[functions[index]]]);
      }
    }
    at = end;
  }
  return exports;
}

test('no export of either wasm returns a lone externref (V8 would inline its calls)', () => {
  const files = readdirSync(PKG).filter((f) => f.endsWith('.wasm'));
  assert.deepEqual(files.sort(), ['rolegate_bg.wasm', 'rolegate_client_bg.wasm']);
  for (const file of files) {
    const exports = exportResults(new Uint8Array(readFileSync(new URL(file, PKG))));
    assert.ok(exports.some(([n]) => n === 'core_explain'), `${file}: its exports were read`);
    const lone = exports.filter(([, results]) => results.length === 1 && results[0] === 'externref').map(([n]) => n);
    assert.deepEqual(lone, [], `${file}: exports returning one externref`);
  }
});

/**
 * Every method whose answer is a JS value, over an org's users, contexts and
 * permissions, on the full engine and on each user's client slice (loaded,
 * asked and freed in turn: what crashed before).
 */
const SCRIPT = `
import { readFileSync } from 'node:fs';
import { Rolegate } from 'rolegate';
import { readSlice } from 'rolegate/client';
const snap = JSON.parse(readFileSync(process.argv.at(-1), 'utf8'));
const gate = Rolegate.load(snap);
const users = snap.org.users.map((u) => u.id);
const perms = [...snap.model.permissions.map((p) => p.id), 'no.such.permission'];
const roles = snap.model.roles.map((r) => r.id);
const teams = (snap.org.teams ?? []).map((t) => t.id);
const units = (snap.org.units ?? []).map((t) => t.id);
const contexts = [undefined, null, {}, ...units.map((unit) => ({ unit })), ...teams.map((team) => ({ team })),
  ...users.map((owner, i) => ({ team: teams[i % teams.length], record: { owner, attributes: { status: 'open', ['k' + i]: i } } })),
  { unit: 5 }, { record: { owner: 7 } }, { nope: 1 }, 'sales'];
const out = [];
for (let round = 0; round < 2; round++) {
  let allowed = 0;
  for (const user of users) {
    const me = gate.user(user);
    const client = readSlice(gate.slice(user));
    for (const context of contexts) {
      for (const p of perms) {
        if (client.explain(p, context).allowed) allowed++;
        if (me.explain(p, context, { locale: round ? 'fr' : 'en' }).allowed) allowed++;
        gate.filter(user, p, context);
      }
      allowed += me.permissions(context).length;
    }
    for (const role of roles) if (gate.canAssign(user, role, { user: users[0] }).allowed) allowed++;
    client.free();
    me.free();
  }
  out.push(allowed, gate.seats().length, gate.matrix().roles.length, gate.warnings().length, Rolegate.diff(gate, gate).users.length);
}
console.log(out.join(' '));
`;

test('explanations, filters, assignments and admin views survive forced deoptimization', () => {
  for (const name of ['jrni', 'modjo']) {
    const org = fileURLToPath(new URL(`../../www/orgs/${name}.json`, import.meta.url));
    const run = (flags) =>
      spawnSync(process.execPath, [...flags, '--input-type=module', '-e', SCRIPT, org], {
        cwd: fileURLToPath(new URL('./', import.meta.url)),
        encoding: 'utf8',
        timeout: 180_000,
      });
    const plain = run([]);
    assert.equal(plain.status, 0, plain.stderr);
    assert.match(plain.stdout, /^[1-9]\d*( \d+){9}\n$/);
    for (const n of [37, 100]) {
      const forced = run([`--deopt-every-n-times=${n}`]);
      const what = `${name}, --deopt-every-n-times=${n}`;
      assert.equal(forced.signal, null, `${what}: killed by ${forced.signal}\n${forced.stderr.slice(0, 2000)}`);
      assert.equal(forced.status, 0, `${what}: ${forced.stderr.slice(0, 2000)}`);
      assert.equal(forced.stdout, plain.stdout, `${what}: the same answers`);
    }
  }
});
