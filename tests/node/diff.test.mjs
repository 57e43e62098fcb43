// Rolegate.diff through the packed tarball: what changes between two
// snapshots of an org, per user and grouped by change, from loaded gates or
// snapshot objects; the engine's property test checks it against `can`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Rolegate, SnapshotError } from 'rolegate';

const jiminny = () => JSON.parse(readFileSync(new URL('../../www/orgs/jiminny.json', import.meta.url), 'utf8'));

test('no change: no users, no summary', () => {
  const s = jiminny();
  assert.deepEqual(Rolegate.diff(s, s), { users: [], summary: [] });
});

test('a role taken away: the user loses its permissions and seat, in data and in words', () => {
  const before = jiminny();
  const after = jiminny();
  const tom = after.org.users.find((u) => u.id === 'tom');
  tom.roles = tom.roles.filter((r) => r.role !== 'recorder');
  const gate = Rolegate.load(before);
  const d = Rolegate.diff(gate, after); // a loaded gate and a snapshot object
  assert.deepEqual(d.users.map((u) => [u.user, u.status]), [['tom', 'changed']]);
  const [u] = d.users;
  assert.ok(u.lost.includes('calls.record'));
  assert.deepEqual(u.gained, []);
  assert.deepEqual(u.seatsLost, ['recorder']);
  for (const p of u.lost) assert.equal(gate.can('tom', p), true, `tom could ${p} before`);
  const line = d.summary.find((l) => l.change === 'loses' && l.subject === 'calls.record');
  assert.deepEqual(line?.users, ['tom']);
  assert.match(line.message, /loses Record and stream calls into Jiminny/);
  assert.ok(gate.can('tom', 'calls.record'), 'the gate passed in is still usable');
  gate.free();
});

test('users added and removed are listed as such', () => {
  const before = jiminny();
  const after = jiminny();
  const gone = after.org.users.pop();
  after.org.users.push({ ...gone, id: 'newcomer', name: 'New Comer' });
  const d = Rolegate.diff(before, after);
  const status = Object.fromEntries(d.users.map((u) => [u.user, u.status]));
  assert.equal(status.newcomer, 'added');
  assert.equal(status[gone.id], 'removed');
  assert.ok(d.summary.some((l) => l.change === 'added' && l.users.includes('newcomer')));
});

test('a snapshot that does not load is a SnapshotError', () => {
  assert.throws(() => Rolegate.diff(jiminny(), { model: {}, org: {} }), SnapshotError);
});
