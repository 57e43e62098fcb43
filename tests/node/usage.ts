// Typed usage of the package, checked by `tsc --noEmit` (never run): the
// declarations come from the Rust types and the JS layer's JSDoc.
import { Rolegate, SnapshotError, Prepared, UserGate, type RecordData, type Snapshot, type Explanation, type Context, type Code, type Matrix, type SeatUsage, type Problem } from 'rolegate';
import { applyGates } from 'rolegate/dom';
import { loadSlice, ClientGate, SliceError } from 'rolegate/client';

const snapshot: Snapshot = {
  model: {
    permissions: [{ id: 'calls.view', record: true }, { id: 'calls.record', seat: 'recorder' }],
    seats: [{ id: 'recorder', label: 'Recorder' }],
    roles: [
      { id: 'member', grants: [{ permission: 'calls.view', scope: ['own', 'team'] }] },
      { id: 'recorder', seat: 'recorder', grants: [{ permission: 'calls.record' }] },
    ],
  },
  org: { users: [{ id: 'ann', teams: ['sales'], roles: [{ role: 'member' }] }], teams: [{ id: 'sales' }] },
};

let gate: Rolegate;
try {
  gate = Rolegate.load(snapshot);
} catch (e) {
  if (e instanceof SnapshotError) {
    const problems: Problem[] = e.problems;
    console.error(problems.map((p) => `${p.path}: ${p.message}`));
  }
  throw e;
}
const again: Rolegate = Rolegate.fromJson(JSON.stringify(snapshot));
again.free();

const ctx: Context = { record: { owner: 'ann', team: 'sales', attributes: { status: 'open', tags: ['a'] } } };
const allowed: boolean = gate.can('ann', 'calls.view', ctx);
const why: Explanation = gate.explain('ann', 'calls.record');
const code: Code = why.code;
const seat: string | undefined = why.seat;
const wouldGrant: string | undefined = gate.explain('ann', 'calls.view').wouldBeGrantedBy;
const invalid: boolean = gate.canAssign('ann', 'member', {}).code === 'would_be_invalid';
const perms: string[] = gate.permissions('ann');
const me = gate.user('ann');
const mine: boolean = me.can('calls.view') && me.can('calls.view', { unit: 'hq' });
const assign: Explanation = gate.canAssign('ann', 'member', { user: 'ann' });
const seats: SeatUsage[] = gate.seats();
const matrix: Matrix = gate.matrix();
const warnings: Problem[] = gate.warnings();
const counts = applyGates(document, me, { mode: 'disable', context: { team: 'sales' } });
const row: RecordData = { owner: 'ann', attributes: { status: 'open' } };
const prepared: Prepared = gate.prepare({ record: row });
const rowAllowed: boolean = gate.can('ann', 'calls.view', prepared) && me.can('calls.view', prepared);
prepared.free();
const handle: UserGate = gate.user('ann');
handle.free();
const hidden: number = counts.hidden;
{
  using scoped = Rolegate.load(snapshot);
  scoped.can('ann', 'calls.view');
}

// @ts-expect-error: a context has no `unitt`
gate.can('ann', 'calls.view', { unitt: 'hq' });
// @ts-expect-error: scope levels are a closed set
const bad: Snapshot = { model: { permissions: [], roles: [{ id: 'r', grants: [{ permission: 'x', scope: ['everyone'] }] }] }, org: { users: [] } };

// Slices: cut on the server, decided by rolegate/client.
const sliceBytes: Uint8Array = gate.slice('ann');
const fingerprint: string = gate.fingerprint;
const client: ClientGate = await loadSlice(sliceBytes);
const clientAllowed: boolean = client.can('calls.view', { record: row }) && client.can('calls.view');
const clientWhy: Explanation = client.explain('calls.view', undefined, { locale: 'fr' });
const clientPerms: string[] = client.permissions({ team: 'sales' });
const clientId: string = client.id + client.fingerprint + fingerprint;
client.free();
try {
  await loadSlice(new ArrayBuffer(3));
} catch (e) {
  if (e instanceof SliceError) {
    const kind: string = e.kind;
    void kind;
  }
}

export { clientAllowed, clientWhy, clientPerms, clientId };
export { allowed, code, seat, wouldGrant, invalid, perms, mine, assign, seats, matrix, warnings, hidden, bad, rowAllowed };
