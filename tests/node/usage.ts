// Typed usage of the package, checked by `tsc --noEmit` (never run): the
// declarations come from the Rust types and the JS layer's JSDoc.
import { Rolegate, SnapshotError, Prepared, UserGate, type RecordData, type Snapshot, type Explanation, type Context, type Code, type Matrix, type SeatUsage, type Problem, type Ids, type LoadOptions, type RecordInput, type CheckContext } from 'rolegate';
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

// The app's own records. As they come: `owner`, `team`, `unit`, `attributes`
// (or, without `attributes`, the record's other fields); any other field of
// any type, in a literal, an interface or a class.
interface Row { id: number; title: string; owner: string; createdAt: Date; private: boolean }
class CallRow { id = 3; owner = 'ann'; startedAt = new Date(0); get label(): string { return 'call'; } }
declare const typedRow: Row;
const asTheyCome: boolean = gate.can('ann', 'calls.view', { record: typedRow })
  && me.can('calls.view', { record: new CallRow() })
  && me.can('calls.view', { record: { id: 1, title: 'Demo', owner: 'ann', tags: [new Date(0)], private: true } });
const input: RecordInput = typedRow;
const plainContext: CheckContext = ctx;
// @ts-expect-error: an owner is a user id
me.can('calls.view', { record: { id: 1, owner: 7 } });
// @ts-expect-error: attributes are attribute values
me.can('calls.view', { record: { owner: 'ann', attributes: { at: new Date(0) } } });

// Read as the load says: by field names, or by a function (`R` is the app's record type).
interface Call { id: number; title: string; ownerId: string; teamId?: string; startedAt: Date; private: boolean }
const call: Call = { id: 1, title: 'Demo', ownerId: 'ann', startedAt: new Date(0), private: false };
const byNames = Rolegate.load<Ids, Call>(snapshot, { record: { owner: 'ownerId', team: 'teamId' } });
const byNamesAllowed: boolean = byNames.can('ann', 'calls.view', { record: call });
// @ts-expect-error: a Call has no `creator`
Rolegate.load<Ids, Call>(snapshot, { record: { owner: 'creator' } });
// @ts-expect-error: the fields are owner, team, unit and attributes
Rolegate.load(snapshot, { record: { ownerr: 'ownerId' } });
const byFunction = Rolegate.load(snapshot, { record: (c: Call) => ({ owner: c.ownerId, attributes: { private: c.private } }) });
const callUser: UserGate<Ids, Call> = byFunction.user('ann');
const callAllowed: boolean = callUser.can('calls.view', { record: call }) && byFunction.explain('ann', 'calls.view', { record: call }).allowed;
// @ts-expect-error: this gate reads Calls
callUser.can('calls.view', { record: { owner: 'ann' } });
const callPrepared: Prepared<Call> = byFunction.prepare({ team: 'sales', record: call });
const callPerms: string[] = callUser.permissions(callPrepared);
callPrepared.free();
const options: LoadOptions<Call> = { record: { owner: 'ownerId' } };
Rolegate.fromJson<Ids, Call>(JSON.stringify(snapshot), options).free();

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

const callClient: ClientGate<Ids, Call> = await loadSlice<Ids, Call>(sliceBytes, { record: (c) => ({ owner: c.ownerId }) });
const callClientAllowed: boolean = callClient.can('calls.view', { record: call });
callClient.prepare({ record: call }).free();

export { clientAllowed, clientWhy, clientPerms, clientId, callClientAllowed };
export { asTheyCome, input, plainContext, byNamesAllowed, callAllowed, callPerms };
export { allowed, code, seat, wouldGrant, invalid, perms, mine, assign, seats, matrix, warnings, hidden, bad, rowAllowed };
