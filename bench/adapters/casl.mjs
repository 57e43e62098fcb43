// CASL (@casl/ability): one Ability per user, built from rules whose
// conditions are precomputed id lists (CASL has no relations, so "peers" and
// "subordinates" become {owner: {$in: [...]}}), plus an inverted rule for
// restricted pins of another team (Rule C).
import { PERMS } from '../scenario.mjs';
import { peers, subordinates } from '../scenario.mjs';

const SUBJECT = (perm) => (perm.startsWith('pins.') ? 'Pin' : 'App');

/** The rules of one user: what an app server would send for that user. */
export function rulesFor(org, user) {
  const rules = [];
  if (user.role === 'admin') {
    rules.push({ action: ['pins.view', 'pins.edit'], subject: 'Pin' });
    rules.push({ action: ['reports.export', 'users.invite'], subject: 'App' });
  } else if (user.role === 'manager') {
    const mine = [user.id, ...subordinates(org, user.id)];
    rules.push({ action: ['pins.view', 'pins.edit'], subject: 'Pin', conditions: { owner: { $in: mine } } });
    rules.push({ action: 'users.invite', subject: 'App' });
  } else if (user.role === 'rep') {
    rules.push({ action: 'pins.edit', subject: 'Pin', conditions: { owner: user.id } });
    rules.push({ action: 'pins.view', subject: 'Pin', conditions: { owner: { $in: [user.id, ...peers(org, user.id)] } } });
  }
  rules.push({ action: 'pins.view', subject: 'Pin', inverted: true, conditions: { restricted: true, team: { $ne: user.team } } });
  return rules;
}

export function createAdapter({ createMongoAbility, subject }) {
  return {
    name: 'CASL',
    loadNote:
      'createMongoAbility for every user of the org, from rule lists prepared beforehand (the id lists are computed untimed; CASL compiles conditions lazily, at the first check, also untimed)',
    // Untimed: the rules per user, as plain data.
    prepare(org) {
      return org.users.map((u) => [u.id, rulesFor(org, u)]);
    },
    loaders: {
      abilities(prepared) {
        const m = new Map();
        for (const [id, rules] of prepared) m.set(id, createMongoAbility(rules));
        return m;
      },
    },
    free() {},
    bind(abilities, org, pins) {
      const byIx = org.users.map((u) => abilities.get(u.id));
      const subjects = pins.map((p) => subject('Pin', { ...p }));
      const subjOfPerm = PERMS.map(SUBJECT);
      const deny = { can: () => false };
      const get = (id) => abilities.get(id) ?? deny;
      return {
        plain: (user, perm) => get(user).can(perm, SUBJECT(perm)),
        record: (user, perm, pin) => get(user).can(perm, subject('Pin', { ...pin })),
        variants: {
          'ability.can': {
            a: (u, p) => byIx[u].can(PERMS[p], subjOfPerm[p]),
            b: (u, p, pin) => byIx[u].can(PERMS[p], subjects[pin]),
          },
        },
      };
    },
  };
}
