// casbin: RBAC + ABAC. g = user -> role; g2 = user -> manager (casbin's role
// links are transitive and reflexive, so g2(owner, me) is "own or a
// subordinate"); g3 = user -> "reports:<manager>" (a peer group, one level).
// The request subject is the signed-in user's attributes {id, team, peers};
// the object is a pin {owner, team, restricted}, or {plain: true} for a check
// without a record. Rule C is a deny policy.
import { PERMS } from '../scenario.mjs';

export const MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, scope, act, eft

[role_definition]
g = _, _
g2 = _, _
g3 = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = (p.sub == "*" || g(r.sub.id, p.sub)) && r.act == p.act && ((p.scope == "restricted" && r.obj.restricted == true && r.obj.team != r.sub.team) || (p.scope != "restricted" && (r.obj.plain == true || p.scope == "all" || (p.scope == "own" && r.obj.owner == r.sub.id) || (p.scope == "peers" && g3(r.obj.owner, r.sub.peers)) || (p.scope == "subordinates" && g2(r.obj.owner, r.sub.id)))))
`;

const POLICY = `
p, rep, own, pins.edit, allow
p, rep, own, pins.view, allow
p, rep, peers, pins.view, allow
p, manager, subordinates, pins.view, allow
p, manager, subordinates, pins.edit, allow
p, manager, all, users.invite, allow
p, admin, all, pins.view, allow
p, admin, all, pins.edit, allow
p, admin, all, reports.export, allow
p, admin, all, users.invite, allow
p, *, restricted, pins.view, deny
`;

/** The org as casbin's CSV policy text (what an app would store). */
export function policyText(org) {
  const lines = [POLICY.trim()];
  for (const u of org.users) {
    lines.push(`g, ${u.id}, ${u.role}`);
    if (u.manager) {
      lines.push(`g2, ${u.id}, ${u.manager}`);
      lines.push(`g3, ${u.id}, reports:${u.manager}`);
    }
  }
  return lines.join('\n');
}

const subjectOf = (u) => ({ id: u.id, team: u.team, peers: u.manager ? `reports:${u.manager}` : '-' });

export function createAdapter({ newEnforcer, newModelFromString, StringAdapter }) {
  return {
    name: 'casbin',
    loadNote: 'newEnforcer(model, StringAdapter(policy CSV of the org)), role links built',
    async: true,
    prepare: (org) => policyText(org),
    loaders: {
      async enforcer(text) {
        return newEnforcer(newModelFromString(MODEL), new StringAdapter(text));
      },
    },
    free() {},
    bind(e, org, pins) {
      const subjects = org.users.map(subjectOf);
      const byId = new Map(org.users.map((u, i) => [u.id, subjects[i]]));
      const PLAIN = { plain: true };
      const sub = (id) => byId.get(id) ?? { id, team: '-', peers: '-' };
      const objs = pins.map((p) => ({ owner: p.owner, team: p.team, restricted: p.restricted }));
      return {
        plain: (user, perm) => e.enforceSync(sub(user), PLAIN, perm),
        record: (user, perm, pin) => e.enforceSync(sub(user), { owner: pin.owner, team: pin.team, restricted: pin.restricted }, perm),
        variants: {
          enforceSync: {
            a: (u, p) => e.enforceSync(subjects[u], PLAIN, PERMS[p]),
            b: (u, p, pin) => e.enforceSync(subjects[u], objs[pin], PERMS[p]),
          },
        },
      };
    },
  };
}
