// The benchmark scenario of issue 5, independent of any library.
//
// Org: one owner (role admin), M managers reporting to the owner (role
// manager), 50 reps under each manager (role rep). Every user is in their
// manager's team: the owner and the managers are in team "lead" (the owner's
// team), the reps of manager uK are in team "tK".
//
// Permissions: pins.view, pins.edit (record-scoped), reports.export,
// users.invite (plain).
//
// Rule A (plain, no record): reps may pins.view (and pins.edit on their own
//   pins, so "some pin" too); managers also users.invite; admins everything.
// Rule B (record scope): a rep may edit a pin only if they own it, and view it
//   if the owner is themselves or a peer (same manager); a manager may view and
//   edit pins owned by themselves or any subordinate, transitively; an admin
//   may view and edit every pin.
// Rule C (deny override): a pin with restricted: true may be viewed only by
//   members of the pin's team (the owner's team), admins included.
//
// Everything random comes from one seeded PRNG, so every run and every library
// sees the same org, pins and check sequences.

export const PERMS = ['pins.view', 'pins.edit', 'reports.export', 'users.invite'];
export const RECORD_PERMS = ['pins.view', 'pins.edit'];
export const REPS_PER_MANAGER = 50;
export const PIN_COUNT = 10_000;
export const SEQ_LEN = 10_000;
export const RESTRICTED_SHARE = 0.25;

/** mulberry32: a small, fast, seeded 32-bit PRNG (floats in [0, 1)). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The org as plain data: users [{id, role, manager, team}] (index = position),
 * teams [{id, manager}], and lookup helpers.
 */
export function makeOrg(managers) {
  const users = [];
  const teams = [{ id: 'lead', manager: 'u0' }];
  users.push({ id: 'u0', role: 'admin', manager: null, team: 'lead' });
  for (let m = 1; m <= managers; m++) {
    users.push({ id: `u${m}`, role: 'manager', manager: 'u0', team: 'lead' });
    teams.push({ id: `t${m}`, manager: `u${m}` });
  }
  let next = managers + 1;
  for (let m = 1; m <= managers; m++) {
    for (let r = 0; r < REPS_PER_MANAGER; r++) {
      users.push({ id: `u${next++}`, role: 'rep', manager: `u${m}`, team: `t${m}` });
    }
  }
  const byId = new Map(users.map((u, i) => [u.id, i]));
  const reports = new Map(users.map((u) => [u.id, []]));
  for (const u of users) if (u.manager) reports.get(u.manager).push(u.id);
  return { name: `bench-${users.length}`, managers, users, teams, byId, reports };
}

/** Every user id that reports to `id`, directly or not (not `id` itself). */
export function subordinates(org, id) {
  const out = [];
  const stack = [...org.reports.get(id)];
  while (stack.length) {
    const s = stack.pop();
    out.push(s);
    for (const r of org.reports.get(s)) stack.push(r);
  }
  return out;
}

/** Users with the same manager as `id` (not `id` itself). */
export function peers(org, id) {
  const u = org.users[org.byId.get(id)];
  if (!u.manager) return [];
  return org.reports.get(u.manager).filter((p) => p !== id);
}

/** `count` (PIN_COUNT) pins {id, owner, team, restricted}; team = the owner's team. */
export function makePins(org, seed = 0x5eed, count = PIN_COUNT) {
  const rnd = prng(seed);
  const pins = [];
  for (let i = 0; i < count; i++) {
    const owner = org.users[Math.floor(rnd() * org.users.length)];
    pins.push({ id: `p${i}`, owner: owner.id, team: owner.team, restricted: rnd() < RESTRICTED_SHARE });
  }
  return pins;
}

/**
 * The fixed check sequences. Rule A: (user, permission) uniformly at random.
 * Rule B+C: a random user and pins.view or pins.edit; the pin is, half of the
 * time, one of the user's neighbourhood (a rep's team, the team a manager
 * leads, any pin for the owner) so that both answers are common, else any pin.
 */
export function makeSequences(org, pins, seed = 0xbe4c4) {
  const rnd = prng(seed);
  const teamPins = new Map();
  pins.forEach((p, i) => {
    if (!teamPins.has(p.team)) teamPins.set(p.team, []);
    teamPins.get(p.team).push(i);
  });
  const n = org.users.length;
  const a = { user: new Int32Array(SEQ_LEN), perm: new Int32Array(SEQ_LEN) };
  for (let i = 0; i < SEQ_LEN; i++) {
    a.user[i] = Math.floor(rnd() * n);
    a.perm[i] = Math.floor(rnd() * PERMS.length);
  }
  const b = { user: new Int32Array(SEQ_LEN), perm: new Int32Array(SEQ_LEN), pin: new Int32Array(SEQ_LEN) };
  for (let i = 0; i < SEQ_LEN; i++) {
    const u = Math.floor(rnd() * n);
    b.user[i] = u;
    b.perm[i] = Math.floor(rnd() * RECORD_PERMS.length);
    const user = org.users[u];
    const near = user.role === 'manager' ? teamPins.get(`t${user.id.slice(1)}`) : teamPins.get(user.team);
    if (rnd() < 0.5 && near && near.length) b.pin[i] = near[Math.floor(rnd() * near.length)];
    else b.pin[i] = Math.floor(rnd() * pins.length);
  }
  return { a, b };
}

/** The plain JavaScript reference: the rules as written in the issue. */
export function makeReference(org) {
  const role = (id) => (org.byId.has(id) ? org.users[org.byId.get(id)].role : null);
  const managerOf = (id) => org.users[org.byId.get(id)].manager;
  const teamOf = (id) => org.users[org.byId.get(id)].team;
  const reportsTo = (owner, boss) => {
    for (let m = managerOf(owner); m; m = managerOf(m)) if (m === boss) return true;
    return false;
  };
  const plain = (user, perm) => {
    if (!PERMS.includes(perm)) return false;
    switch (role(user)) {
      case 'admin': return true;
      case 'manager': return perm === 'pins.view' || perm === 'pins.edit' || perm === 'users.invite';
      case 'rep': return perm === 'pins.view' || perm === 'pins.edit';
      default: return false;
    }
  };
  const record = (user, perm, pin) => {
    if (!RECORD_PERMS.includes(perm)) return false;
    let allowed;
    switch (role(user)) {
      case 'admin': allowed = true; break;
      case 'manager': allowed = pin.owner === user || reportsTo(pin.owner, user); break;
      case 'rep':
        if (perm === 'pins.edit') allowed = pin.owner === user;
        else allowed = pin.owner === user || (managerOf(user) !== null && managerOf(pin.owner) === managerOf(user));
        break;
      default: allowed = false;
    }
    if (allowed && perm === 'pins.view' && pin.restricted && teamOf(user) !== pin.team) allowed = false;
    return allowed;
  };
  return { plain, record };
}

/**
 * 50 hand-picked cases with their expected answers written out (checked
 * against the reference too). Record cases pick real pins of the 10,000.
 * Returns [{what, user, perm, pin?, expect}].
 */
export function handPicked(org, pins) {
  const M = org.managers;
  const repsOf = (m) => org.reports.get(`u${m}`);
  const pinOf = (owner, restricted) => {
    const p = pins.find((x) => x.owner === owner && x.restricted === restricted);
    if (!p) throw new Error(`no pin of ${owner} with restricted=${restricted}; pick another user`);
    return p;
  };
  // Users that own both a restricted and an unrestricted pin.
  const rich = (ids) => ids.filter((id) => pins.some((p) => p.owner === id && p.restricted) && pins.some((p) => p.owner === id && !p.restricted));
  const [r1, r1b] = rich(repsOf(1));
  const [r2] = rich(repsOf(2));
  const [r3] = rich(repsOf(M));
  const [m1, m2] = rich(Array.from({ length: M }, (_, i) => `u${i + 1}`));
  const m1reps = rich(repsOf(Number(m1.slice(1))));
  const [m1r] = m1reps;
  const [mOther] = rich(Array.from({ length: M }, (_, i) => `u${i + 1}`).filter((x) => x !== m1 && x !== m2));
  const owner = 'u0';
  const ownerPin = (r) => pinOf(owner, r);
  const cases = [];
  const add = (what, user, perm, pin, expect) => cases.push({ what, user, perm, pin, expect });
  // Rule A: plain checks.
  for (const p of PERMS) add(`A admin ${p}`, owner, p, null, true);
  add('A manager pins.view', m1, 'pins.view', null, true);
  add('A manager pins.edit (some pin)', m1, 'pins.edit', null, true);
  add('A manager users.invite', m1, 'users.invite', null, true);
  add('A manager reports.export', m1, 'reports.export', null, false);
  add('A rep pins.view', r1, 'pins.view', null, true);
  add('A rep pins.edit (own pins)', r1, 'pins.edit', null, true);
  add('A rep users.invite', r1, 'users.invite', null, false);
  add('A rep reports.export', r1, 'reports.export', null, false);
  add('A unknown user', 'nobody', 'pins.view', null, false);
  add('A unknown permission', r1, 'pins.delete', null, false);
  // Rule B: reps.
  add('B rep views own pin', r1, 'pins.view', pinOf(r1, false), true);
  add('B rep edits own pin', r1, 'pins.edit', pinOf(r1, false), true);
  add('B rep views own restricted pin', r1, 'pins.view', pinOf(r1, true), true);
  add('B rep edits own restricted pin', r1, 'pins.edit', pinOf(r1, true), true);
  add('B rep views peer pin', r1, 'pins.view', pinOf(r1b, false), true);
  add('B rep views peer restricted pin (same team)', r1, 'pins.view', pinOf(r1b, true), true);
  add('B rep edits peer pin', r1, 'pins.edit', pinOf(r1b, false), false);
  add('B rep views other team rep pin', r1, 'pins.view', pinOf(r2, false), false);
  add('B rep edits other team rep pin', r1, 'pins.edit', pinOf(r2, false), false);
  add('B rep views own manager pin', r1, 'pins.view', pinOf('u1', false), false);
  add('B rep edits own manager pin', r1, 'pins.edit', pinOf('u1', false), false);
  add('B rep views owner pin', r1, 'pins.view', ownerPin(false), false);
  add('B rep views another manager pin', r2, 'pins.view', pinOf(m1 === 'u2' ? mOther : m1, false), false);
  // Rule B: managers.
  add('B manager views own pin', m1, 'pins.view', pinOf(m1, false), true);
  add('B manager edits own pin', m1, 'pins.edit', pinOf(m1, false), true);
  add('B manager views own restricted pin (team lead)', m1, 'pins.view', pinOf(m1, true), true);
  add('B manager views subordinate pin', m1, 'pins.view', pinOf(m1r, false), true);
  add('B manager edits subordinate pin', m1, 'pins.edit', pinOf(m1r, false), true);
  add('B manager edits subordinate restricted pin', m1, 'pins.edit', pinOf(m1r, true), true);
  add('B manager views peer manager pin', m1, 'pins.view', pinOf(m2, false), false);
  add('B manager edits peer manager pin', m1, 'pins.edit', pinOf(m2, false), false);
  add('B manager views rep of another manager', m2, 'pins.view', pinOf(m1r, false), false);
  add('B manager edits rep of another manager', m2, 'pins.edit', pinOf(m1r, false), false);
  add('B manager views owner pin', m1, 'pins.view', ownerPin(false), false);
  add('B manager edits owner pin', m1, 'pins.edit', ownerPin(false), false);
  // Rule B: admin.
  add('B admin views rep pin', owner, 'pins.view', pinOf(r2, false), true);
  add('B admin edits rep pin', owner, 'pins.edit', pinOf(r2, false), true);
  add('B admin views manager pin', owner, 'pins.view', pinOf(m2, false), true);
  add('B admin views own pin', owner, 'pins.view', ownerPin(false), true);
  // Rule C: deny override.
  add('C manager views subordinate restricted pin (other team)', m1, 'pins.view', pinOf(m1r, true), false);
  add('C admin views rep restricted pin (other team)', owner, 'pins.view', pinOf(r2, true), false);
  add('C admin edits rep restricted pin (edit not restricted)', owner, 'pins.edit', pinOf(r2, true), true);
  add('C admin views manager restricted pin (team lead)', owner, 'pins.view', pinOf(m2, true), true);
  add('C admin views own restricted pin', owner, 'pins.view', ownerPin(true), true);
  add('C rep views other team restricted pin', r1, 'pins.view', pinOf(r2, true), false);
  add('C manager views peer manager restricted pin', m1, 'pins.view', pinOf(m2, true), false);
  if (cases.length !== 50) throw new Error(`hand-picked cases: ${cases.length}, want 50`);
  return cases;
}

/** Everything a suite needs, built once per process/page (not timed). */
export function makeScenario() {
  const small = makeOrg(20);
  const big = makeOrg(400);
  const pins = makePins(small);
  const seq = makeSequences(small, pins);
  const ref = makeReference(small);
  const cases = handPicked(small, pins);
  return { small, big, pins, seq, ref, cases };
}
