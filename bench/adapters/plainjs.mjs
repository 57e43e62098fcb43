// plain JS: the rules hand-written, the way a JS developer would code them
// without any engine: at load, a Map from user id to the user's record with
// the plain permissions of their role as a Set and, for anyone with reports,
// the Set of every subordinate (transitively); a check is a few comparisons
// and Set lookups. It is the floor an authorization library is measured
// against: the same decisions with no engine, no policy language, no
// boundary to cross. Written independently of the reference
// (scenario.mjs's makeReference, which walks the reporting chain at every
// check), so that agreeing with it means something.
//
// `loadRules` and `can` use nothing else: the download row bundles just them.
import { PERMS } from '../scenario.mjs';

const NO_PERMS = new Set();

/** Plain (no record) permissions of each role: Rule A. */
const ROLE_PERMS = {
  admin: new Set(['pins.view', 'pins.edit', 'reports.export', 'users.invite']),
  manager: new Set(['pins.view', 'pins.edit', 'users.invite']),
  rep: new Set(['pins.view', 'pins.edit']),
};

/**
 * The org's users as an app server would send them, [{id, role, manager,
 * team}] (manager null for the owner), indexed for checks:
 * Map id -> {id, role, team, manager, perms, below}.
 */
export function loadRules(list) {
  const users = new Map();
  for (const u of list) {
    users.set(u.id, { id: u.id, role: u.role, team: u.team, manager: u.manager ?? null, perms: ROLE_PERMS[u.role] ?? NO_PERMS, below: null });
  }
  // Each user is added to the subordinates of every manager above them.
  for (const u of users.values()) {
    for (let m = u.manager === null ? undefined : users.get(u.manager); m !== undefined; m = m.manager === null ? undefined : users.get(m.manager)) {
      (m.below ??= new Set()).add(u.id);
    }
  }
  return users;
}

/**
 * May `user` (a record of loadRules' Map, or undefined for an unknown user)
 * do `perm`, on `pin` ({owner, team, restricted}) if given?
 */
export function can(users, user, perm, pin) {
  if (user === undefined) return false;
  if (pin === undefined) return user.perms.has(perm); // Rule A
  if (perm !== 'pins.view' && perm !== 'pins.edit') return false;
  let ok;
  switch (user.role) { // Rule B
    case 'admin':
      ok = true;
      break;
    case 'manager':
      ok = pin.owner === user.id || (user.below !== null && user.below.has(pin.owner));
      break;
    case 'rep':
      if (pin.owner === user.id) ok = true;
      else if (perm === 'pins.view' && user.manager !== null) ok = users.get(pin.owner)?.manager === user.manager;
      else ok = false;
      break;
    default:
      ok = false;
  }
  // Rule C: a restricted pin is visible to its own team only.
  if (ok && perm === 'pins.view' && pin.restricted && pin.team !== user.team) return false;
  return ok;
}

export function createAdapter() {
  return {
    name: 'plain JS',
    loadNote: 'the Map of users (id -> role, team, manager, the role\'s permissions as a Set, every subordinate as a Set) built from the plain user list',
    // Untimed: the user list as plain data (what an app server would send).
    prepare(org) {
      return org.users.map((u) => ({ id: u.id, role: u.role, manager: u.manager, team: u.team }));
    },
    loaders: {
      'Map of users': (list) => loadRules(list),
    },
    free() {},
    bind(users, org, pins) {
      // The signed-in user's record, looked up once (as the other libraries
      // bind a user handle or an ability); the pins as the app holds them.
      const byIx = org.users.map((u) => users.get(u.id));
      const ids = org.users.map((u) => u.id);
      const rows = pins.map((p) => ({ ...p }));
      return {
        plain: (user, perm) => can(users, users.get(user), perm),
        record: (user, perm, pin) => can(users, users.get(user), perm, pin),
        variants: {
          'can(user, perm, pin)': {
            a: (u, p) => can(users, byIx[u], PERMS[p]),
            b: (u, p, pin) => can(users, byIx[u], PERMS[p], rows[pin]),
          },
          'can(users.get(id), perm, pin)': {
            a: (u, p) => can(users, users.get(ids[u]), PERMS[p]),
            b: (u, p, pin) => can(users, users.get(ids[u]), PERMS[p], rows[pin]),
          },
        },
      };
    },
  };
}
