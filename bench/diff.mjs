// Change impact: `Rolegate.diff(before, after)` of the scenario's big org
// (20,401 users; the 1,021-user one with --quick) for a few realistic edits
// of its snapshot, each diff checked before it is timed. Node only.
//
// Agreement first, as for the checks: each diff must name exactly the users
// the edit changes (worked out from the org's structure, not by the engine)
// with the expected change; every user's gains and losses without context
// must match `can` before and after (every user, every permission); and for
// a sample of users in the diff and outside it, the owners and teams whose
// records each record-scoped permission gains or loses must match `can` on
// every owner ({ record: { owner } }) and every team ({ record: { team } }).
import { PERMS, RECORD_PERMS, peers } from './scenario.mjs';
import { snapshotOf } from './adapters/rolegate.mjs';

const clock = () => performance.now();
const roleOf = (snapshot, id) => snapshot.model.roles.find((r) => r.id === id);
const userOf = (snapshot, id) => snapshot.org.users.find((u) => u.id === id);
const idsWhere = (org, pred) => org.users.filter(pred).map((u) => u.id);
/** Every 10th team of the reps (t10, t20, ...): where edit `team-setting` switches the setting on. */
const switchedTeams = (org) => org.teams.filter((t) => t.id !== 'lead' && Number(t.id.slice(1)) % 10 === 0);
/** The rep that edit `manager-change` moves: the first rep of manager u1. */
const movedRep = (org) => org.reports.get('u1')[0];

/**
 * The edits. `base(snapshot)` (optional) adjusts both sides, `after(snapshot,
 * org)` makes the later snapshot from a copy, and `expect(org)` says, from
 * the org alone, which users the diff names (`users`) and what it says of
 * each (`each(id)`: `{ lost?, scopes?: { [permission]: { ownersGained?,
 * ownersLost?, teamsGained?, teamsLost? } }, restrictionsStarted? }`, the
 * rest empty).
 */
export const EDITS = [
  {
    id: 'role-loses-permission',
    label: 'role Manager loses `users.invite`',
    after(s) {
      const manager = roleOf(s, 'manager');
      manager.grants = manager.grants.filter((g) => g.permission !== 'users.invite');
    },
    // Exactly the managers, who held it: they lose it and nothing else.
    expect: (org) => ({ users: idsWhere(org, (u) => u.role === 'manager'), each: () => ({ lost: ['users.invite'] }) }),
  },
  {
    id: 'scope-widens',
    label: "role Manager's `pins.view` scope widens from own + subordinates to + peers",
    after(s) {
      roleOf(s, 'manager').grants.find((g) => g.permission === 'pins.view').scope = ['own', 'subordinates', 'peers'];
    },
    // Every manager, who now sees the other managers' own pins too.
    expect: (org) => ({
      users: idsWhere(org, (u) => u.role === 'manager'),
      each: (id) => ({ scopes: { 'pins.view': { ownersGained: peers(org, id) } } }),
    }),
  },
  {
    id: 'scope-widens-reps',
    label: "role Rep's `pins.edit` scope widens from own to own + peers",
    after(s) {
      roleOf(s, 'rep').grants.find((g) => g.permission === 'pins.edit').scope = ['own', 'peers'];
    },
    // Every rep, who now edits their peers' pins too.
    expect: (org) => ({
      users: idsWhere(org, (u) => u.role === 'rep'),
      each: (id) => ({ scopes: { 'pins.edit': { ownersGained: peers(org, id) } } }),
    }),
  },
  {
    id: 'manager-change',
    label: 'a rep moves to another manager and team (u1 to u2)',
    after(s, org) {
      const rep = userOf(s, movedRep(org));
      rep.manager = 'u2';
      rep.teams = ['t2'];
    },
    // The rep sees their new peers' pins instead of the old ones'; the old
    // peers and manager stop seeing the rep's pins, the new ones start.
    expect(org) {
      const rep = movedRep(org);
      const oldPeers = peers(org, rep), newPeers = org.reports.get('u2');
      const each = (id) => {
        if (id === rep) return { scopes: { 'pins.view': { ownersGained: newPeers, ownersLost: oldPeers } } };
        if (id === 'u1') return { scopes: { 'pins.view': { ownersLost: [rep] }, 'pins.edit': { ownersLost: [rep] } } };
        if (id === 'u2') return { scopes: { 'pins.view': { ownersGained: [rep] }, 'pins.edit': { ownersGained: [rep] } } };
        return { scopes: { 'pins.view': oldPeers.includes(id) ? { ownersLost: [rep] } : { ownersGained: [rep] } } };
      };
      return { users: [rep, ...oldPeers, ...newPeers, 'u1', 'u2'], each };
    },
  },
  {
    id: 'team-setting',
    label: 'a team setting switches a restriction on in every 10th team',
    // Both sides: a restriction "pins of a private team are for its members",
    // off while no team sets `pinsPrivate`.
    base(s) {
      s.model.restrictions.push({
        id: 'private-teams',
        permissions: ['pins.view'],
        when: { attr: 'team.pinsPrivate', eq: true },
        unless: { scope: ['team'] },
        message: 'pins of {team} are private to the team',
      });
    },
    after(s, org) {
      const on = new Set(switchedTeams(org).map((t) => t.id));
      for (const t of s.org.teams) if (on.has(t.id)) t.settings = { pinsPrivate: true };
    },
    // The restriction now denies everyone outside those teams on their pins
    // (restrictionsStarted names it for every user, as explain would), but
    // only those who saw them lose reach: each team's manager (in team lead)
    // their reps' pins, the owner (admin, in lead) those and the teams'.
    expect(org) {
      const teams = switchedTeams(org);
      const repsOf = (ts) => ts.flatMap((t) => org.reports.get(t.manager));
      const each = (id) => {
        const mine = id === 'u0' ? teams : teams.filter((t) => t.manager === id);
        const scopes = mine.length ? { 'pins.view': { ownersLost: repsOf(mine), teamsLost: id === 'u0' ? teams.map((t) => t.id) : [] } } : {};
        return { scopes, restrictionsStarted: ['private-teams'] };
      };
      return { users: org.users.map((u) => u.id), each };
    },
  },
];

/** `n` items of `xs`, evenly spread (all of them if fewer). */
function evenly(xs, n) {
  if (xs.length <= n) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);
}

const sameSet = (a, b) => {
  const sb = new Set(b);
  return a.length === b.length && new Set(a).size === a.length && a.every((x) => sb.has(x));
};
const list = (xs) => (xs.length > 6 ? `${xs.slice(0, 6).join(', ')}, ... (${xs.length})` : xs.join(', ') || 'none');

/** Problems of diff `d` of `before` -> `after` for edit `edit` (none: it agrees). */
function check(edit, org, before, after, d) {
  const errors = [];
  const err = (m) => errors.length < 20 && errors.push(`${edit.id}: ${m}`);
  const want = edit.expect(org);
  const byUser = new Map(d.users.map((u) => [u.user, u]));
  if (d.users.length === 0 || d.summary.length === 0) err('the diff is empty');
  if (!sameSet(d.users.map((u) => u.user), want.users)) {
    const got = new Set(byUser.keys()), exp = new Set(want.users);
    err(`users: ${d.users.length} in the diff, ${want.users.length} expected; extra ${list([...got].filter((x) => !exp.has(x)))}; missing ${list(want.users.filter((x) => !got.has(x)))}`);
  }
  for (const u of d.users) if (u.status !== 'changed') err(`${u.user} is ${u.status}, not changed`);
  for (const id of want.users) {
    const u = byUser.get(id);
    if (!u) continue;
    const e = want.each(id);
    const same = (what, got, exp = []) => {
      if (!sameSet(got, exp)) err(`${id} ${what}: ${list(got)}, want ${list(exp)}`);
    };
    same('gains', u.gained);
    same('loses', u.lost, e.lost);
    same('restrictions started', u.restrictionsStarted, e.restrictionsStarted);
    same('restrictions stopped', u.restrictionsStopped);
    same('scopes of', u.scopes.map((x) => x.permission), Object.keys(e.scopes ?? {}));
    for (const s of u.scopes) {
      const x = e.scopes?.[s.permission] ?? {};
      for (const k of ['ownersGained', 'ownersLost', 'teamsGained', 'teamsLost']) same(`${s.permission} ${k}`, s[k], x[k]);
      const gains = s.ownersGained.length + s.teamsGained.length > 0, losses = s.ownersLost.length + s.teamsLost.length > 0;
      const change = gains && losses ? 'changed' : gains ? 'widened' : 'narrowed';
      if (s.change !== change) err(`${id} ${s.permission}: ${s.change}, want ${change}`);
    }
  }
  // Without context, every user and permission, against can.
  for (const { id } of org.users) {
    const gained = PERMS.filter((p) => !before.can(id, p) && after.can(id, p));
    const lost = PERMS.filter((p) => before.can(id, p) && !after.can(id, p));
    const u = byUser.get(id);
    if (!sameSet(u?.gained ?? [], gained) || !sameSet(u?.lost ?? [], lost)) err(`${id}: the diff says gains [${u?.gained ?? []}] loses [${u?.lost ?? []}], can says [${gained}] and [${lost}]`);
  }
  // The reach of record-scoped permissions, for a sample, against can on
  // every owner and every team.
  const inDiff = d.users.map((u) => u.user);
  const sample = [...evenly(inDiff, 6), ...evenly(org.users.map((u) => u.id).filter((id) => !byUser.has(id)), 3)];
  const owners = org.users.map((u) => u.id), teams = org.teams.map((t) => t.id);
  for (const id of sample) {
    const b = before.user(id), a = after.user(id);
    for (const perm of RECORD_PERMS) {
      if (!b.can(perm) || !a.can(perm)) continue; // reach is compared where it is held in both
      const reach = (field, values) => {
        const gained = [], lost = [];
        for (const v of values) {
          const ctx = { record: { [field]: v } };
          const was = b.can(perm, ctx), is = a.can(perm, ctx);
          if (is && !was) gained.push(v);
          if (was && !is) lost.push(v);
        }
        return { gained, lost };
      };
      const o = reach('owner', owners), t = reach('team', teams);
      const s = byUser.get(id)?.scopes.find((x) => x.permission === perm);
      const [og, ol, tg, tl] = s ? [s.ownersGained, s.ownersLost, s.teamsGained, s.teamsLost] : [[], [], [], []];
      if (!sameSet(og, o.gained) || !sameSet(ol, o.lost)) err(`${id} ${perm}: owners gained/lost ${list(og)} / ${list(ol)}, can says ${list(o.gained)} / ${list(o.lost)}`);
      if (!sameSet(tg, t.gained) || !sameSet(tl, t.lost)) err(`${id} ${perm}: teams gained/lost ${list(tg)} / ${list(tl)}, can says ${list(t.gained)} / ${list(t.lost)}`);
    }
    b.free();
    a.free();
  }
  return { errors, sampled: sample.length };
}

/**
 * Times `Rolegate.diff(before, after)` for each edit of `org`'s snapshot,
 * both sides loaded gates (loading is not timed): after one untimed call
 * (the one checked), `opts.runs` calls, each timed alone. An edit marked
 * `once` is timed by the checked call alone, where `opts.first` (the first
 * process) only.
 * Returns `{ users, edits: { [id]: { label, once, users, summary, lines, sampled, times } }, errors? }`.
 */
export function runDiff(Rolegate, org, opts, log = () => {}) {
  const out = { users: org.users.length, edits: {} };
  const errors = [];
  for (const edit of EDITS) {
    if (edit.once && !opts.first) continue;
    const base = snapshotOf(org);
    edit.base?.(base);
    const later = structuredClone(base);
    edit.after(later, org);
    const before = Rolegate.load(base), after = Rolegate.load(later);
    try {
      const t0 = clock();
      const d = Rolegate.diff(before, after);
      const checked = clock() - t0;
      const c = check(edit, org, before, after, d);
      if (c.errors.length) {
        errors.push(...c.errors);
        continue;
      }
      const times = edit.once ? [checked] : [];
      for (let r = 0; r < (edit.once ? 0 : opts.runs); r++) {
        const t0 = clock();
        const n = Rolegate.diff(before, after).users.length;
        times.push(clock() - t0);
        if (n !== d.users.length) throw new Error(`${edit.id}: a timed diff names ${n} users, the checked one ${d.users.length}`);
      }
      out.edits[edit.id] = { label: edit.label, once: !!edit.once, users: d.users.length, summary: d.summary.length, lines: d.summary.slice(0, 3).map((l) => l.message), sampled: c.sampled, times };
      log(`diff ${edit.id}: ${d.users.length} users (${d.summary[0].message}), ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    } finally {
      before.free();
      after.free();
    }
  }
  if (errors.length) out.errors = errors;
  return out;
}
