// rolegate: the org as a rolegate snapshot. The reporting tree and teams are
// data; record scopes (own, peers, subordinates) express Rule B natively and a
// restriction with an exemption for the pin's team expresses Rule C.
import { PERMS } from '../scenario.mjs';

export const MODEL = {
  name: 'bench',
  permissions: [
    { id: 'pins.view', label: 'View pins', record: true },
    { id: 'pins.edit', label: 'Edit pins', record: true },
    { id: 'reports.export', label: 'Export reports' },
    { id: 'users.invite', label: 'Invite users' },
  ],
  roles: [
    { id: 'admin', label: 'Admin', grants: [{ permission: '*' }] },
    {
      id: 'manager',
      label: 'Manager',
      grants: [
        { permission: 'pins.view', scope: ['own', 'subordinates'] },
        { permission: 'pins.edit', scope: ['own', 'subordinates'] },
        { permission: 'users.invite' },
      ],
    },
    {
      id: 'rep',
      label: 'Rep',
      grants: [
        { permission: 'pins.view', scope: ['own', 'peers'] },
        { permission: 'pins.edit', scope: ['own'] },
      ],
    },
  ],
  restrictions: [
    {
      id: 'restricted-pins',
      permissions: ['pins.view'],
      when: { attr: 'record.restricted', eq: true },
      unless: { scope: ['team'] },
      message: 'restricted pins of {team} are private to the team',
    },
  ],
};

/** The org as a rolegate snapshot object (what an app would store and load). */
export function snapshotOf(org) {
  return {
    model: MODEL,
    org: {
      name: org.name,
      teams: org.teams.map((t) => ({ id: t.id, managers: [t.manager] })),
      users: org.users.map((u) => {
        const out = { id: u.id, teams: [u.team], roles: [{ role: u.role }] };
        if (u.manager) out.manager = u.manager;
        return out;
      }),
    },
  };
}

/** The check context of a pin. */
export const contextOf = (p) => ({ record: { owner: p.owner, team: p.team, attributes: { restricted: p.restricted } } });

export function createAdapter({ Rolegate }) {
  return {
    name: 'rolegate',
    loadNote: 'Rolegate.load(snapshot object) / Rolegate.fromJson(snapshot text): validation + compilation of the whole org',
    prepare(org) {
      const snapshot = snapshotOf(org);
      return { snapshot, text: JSON.stringify(snapshot) };
    },
    loaders: {
      'Rolegate.load(object)': (p) => Rolegate.load(p.snapshot),
      'Rolegate.fromJson(text)': (p) => Rolegate.fromJson(p.text),
    },
    free(gate) {
      if (gate && typeof gate.free === 'function') gate.free();
    },
    bind(gate, org, pins) {
      const handles = org.users.map((u) => gate.user(u.id));
      const ids = org.users.map((u) => u.id);
      const ctxs = pins.map(contextOf);
      // gate.prepare: each pin's context resolved once (names and attributes
      // as indices), as a list view would for the rows it renders.
      const prepared = pins.map((p) => gate.prepare(contextOf(p)));
      return {
        plain: (user, perm) => gate.can(user, perm),
        record: (user, perm, pin) => gate.can(user, perm, contextOf(pin)),
        variants: {
          'user handle .can': {
            a: (u, p) => handles[u].can(PERMS[p]),
            b: (u, p, pin) => handles[u].can(PERMS[p], ctxs[pin]),
          },
          'user handle .can, prepared context': {
            a: (u, p) => handles[u].can(PERMS[p]),
            b: (u, p, pin) => handles[u].can(PERMS[p], prepared[pin]),
          },
          'gate.can(user, perm, ctx)': {
            a: (u, p) => gate.can(ids[u], PERMS[p]),
            b: (u, p, pin) => gate.can(ids[u], PERMS[p], ctxs[pin]),
          },
        },
      };
    },
  };
}
