// The package's declarations in a server project (tsconfig.json: no DOM lib,
// `skipLibCheck: false`, `exactOptionalPropertyTypes`; tsconfig.bare.json:
// no @types/node either). Type-checked by tests/node/types.test.mjs, never run.
import { Rolegate, SnapshotError, type Explanation, type Problem, type SnapshotJson, type Ids, type PermissionOf } from 'rolegate';
import { loadSlice, readSlice, init as initClient, type ClientGate } from 'rolegate/client';
import jiminny from '../../../www/orgs/jiminny.json' with { type: 'json' };
import jrni from '../../../www/orgs/jrni.json' with { type: 'json' };
import modjo from '../../../www/orgs/modjo.json' with { type: 'json' };
import spotio from '../../../www/orgs/spotio.json' with { type: 'json' };
// The ids written by `rolegate types` (tests/node/cli.test.mjs checks that it reproduces them).
import type { RolegateIds, Permission, Role } from '../generated/jiminny.js';
import type { RolegateIds as JiminnyUsers } from '../generated/jiminny-users.js';
import type { RolegateIds as JrniIds } from '../generated/jrni.js';
import type { RolegateIds as ModjoIds } from '../generated/modjo.js';
import type { RolegateIds as SpotioIds } from '../generated/spotio.js';

// A JSON import is a snapshot: no cast.
const snapshots: SnapshotJson[] = [jiminny, jrni, modjo, spotio];
for (const s of snapshots) Rolegate.load(s).free();
Rolegate.load(jrni).free();

// Untyped ids: any string.
const loose = Rolegate.load(modjo);
const anything: boolean = loose.can('someone', 'any.permission');
const all: string[] = loose.permissions('someone');

// Typed ids: a misspelt permission or role does not compile.
const gate = Rolegate.load<RolegateIds>(jiminny);
const allowed: boolean = gate.can('tom', 'calls.record');
// @ts-expect-error: no such permission
gate.can('tom', 'calls.recrod');
const held: Permission[] = gate.permissions('tom');
const why: Explanation = gate.explain('marcus', 'calls.record', undefined, { locale: 'fr' });
// @ts-expect-error: no such permission
gate.explain('marcus', 'calls.recrod');
const me = gate.user('anyone at all'); // users are `string` without --users
const mine: boolean = me.can('calls.listen', { record: { owner: 'daniel' } });
// @ts-expect-error: no such permission
me.can('calls.recrod');
const mineHeld: Permission[] = me.permissions();
const role: Role = 'recorder';
const assign: Explanation = gate.canAssign('olivia', role, { user: 'tom' });
// @ts-expect-error: no such role
gate.canAssign('olivia', 'recrder', { user: 'tom' });
// @ts-expect-error: a role is not a permission
gate.can('tom', role);

// With --users, user ids too.
const strict = Rolegate.load<JiminnyUsers>(jiminny);
strict.user('tom').free();
// @ts-expect-error: no such user
strict.user('tomm');
// @ts-expect-error: no such user
strict.can('tomm', 'calls.record');

// Every sample org's ids.
const jrniGate = Rolegate.load<JrniIds>(jrni);
const modjoGate = Rolegate.load<ModjoIds>(modjo);
const spotioGate = Rolegate.load<SpotioIds>(spotio);
// @ts-expect-error: a permission of Jiminny, not of Spotio
spotioGate.can('u', 'calls.record');
const spotioPerms: PermissionOf<SpotioIds>[] = spotioGate.permissions('u');

// From JSON text, typed too.
const fromText = Rolegate.fromJson<RolegateIds>(JSON.stringify(jiminny));
// @ts-expect-error: no such permission
fromText.can('tom', 'calls.recrod');

// Problems.
try {
  Rolegate.fromJson('{');
} catch (e) {
  if (e instanceof SnapshotError) {
    const problems: Problem[] = e.problems;
    void problems.map((p) => `${p.path}: ${p.message}`);
  }
}

// Slices, typed with the same ids; `exactOptionalPropertyTypes` takes an explicit undefined.
await initClient({ wasm: undefined });
await Rolegate.init({});
const client: ClientGate<RolegateIds> = await loadSlice<RolegateIds>(gate.slice('tom'));
const clientAllowed: boolean = client.can('calls.record', client.prepare({ team: 'sales' }));
// @ts-expect-error: no such permission
client.can('calls.recrod');
const clientWhy: Explanation = client.explain('calls.record', null, { locale: undefined });
const again: ClientGate<RolegateIds> = readSlice<RolegateIds>(new ArrayBuffer(0));

// `Ids` is the constraint of the type parameter.
interface Custom extends Ids { permission: 'a' | 'b' }
const custom = Rolegate.load<Custom>(spotio);
// @ts-expect-error: not among Custom's permissions
custom.can('u', 'c');
// @ts-expect-error: not an `Ids`
Rolegate.load<{ permission: number }>(spotio);

export { anything, all, allowed, held, why, mine, mineHeld, assign, jrniGate, modjoGate, spotioPerms, clientAllowed, clientWhy, again };
