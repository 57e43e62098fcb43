// Cedar (@cedar-policy/cedar-wasm): users are entities whose parent is their
// manager (so `resource.owner in principal` is "own or a subordinate,
// transitively"); role and team are attributes (as parents they would be
// inherited down the reporting tree). Rule C is a forbid policy.
//
// Each check passes the entity slice it needs, as Cedar's docs advise: the
// principal, the pin, and the pin owner's chain of managers.
import { PERMS } from '../scenario.mjs';

export const POLICIES = `
permit (principal, action in [Action::"pins.view", Action::"pins.edit"], resource == App::"app")
  when { principal.role == "rep" || principal.role == "manager" };
permit (principal, action == Action::"users.invite", resource == App::"app")
  when { principal.role == "manager" };
permit (principal, action, resource)
  when { principal.role == "admin" };
permit (principal, action in [Action::"pins.view", Action::"pins.edit"], resource is Pin)
  when { principal.role == "manager" && resource.owner in principal };
permit (principal, action == Action::"pins.edit", resource is Pin)
  when { principal.role == "rep" && resource.owner == principal };
permit (principal, action == Action::"pins.view", resource is Pin)
  when { principal.role == "rep" && (resource.owner == principal ||
         (principal has manager && resource.owner has manager && resource.owner.manager == principal.manager)) };
forbid (principal, action == Action::"pins.view", resource is Pin)
  when { resource.restricted }
  unless { principal.team == resource.team };
`;

const uid = (type, id) => ({ type, id });
const APP = uid('App', 'app');
const ACTIONS = PERMS.map((p) => uid('Action', p));

function userEntity(u) {
  const attrs = { role: u.role, team: u.team };
  if (u.manager) attrs.manager = { __entity: uid('User', u.manager) };
  return { uid: uid('User', u.id), attrs, parents: u.manager ? [uid('User', u.manager)] : [] };
}

export function createAdapter(cedar) {
  const policies = { staticPolicies: POLICIES };
  const ok = cedar.checkParsePolicySet(policies);
  if (ok.type !== 'success') throw new Error(`cedar policies: ${JSON.stringify(ok.errors)}`);
  const pre = cedar.preparsePolicySet('bench', policies);
  if (pre.type !== 'success') throw new Error(`cedar preparse: ${JSON.stringify(pre.errors)}`);

  const decide = (ans) => {
    if (ans.type !== 'success') throw new Error(`cedar: ${JSON.stringify(ans.errors)}`);
    return ans.response.decision === 'allow';
  };
  const stateless = (principal, action, resource, entities) =>
    decide(cedar.isAuthorized({ principal, action, resource, context: {}, policies, entities }));
  const stateful = (principal, action, resource, entities) =>
    decide(cedar.statefulIsAuthorized({ principal, action, resource, context: {}, preparsedPolicySetId: 'bench', entities }));

  return {
    name: 'Cedar',
    loadNote: 'none: the stateless API takes policies and entities with every call',
    prepare: (org) => org,
    loaders: {},
    free() {},
    bind(org, _org, pins) {
      const ents = new Map(org.users.map((u) => [u.id, userEntity(u)]));
      // The owner's chain of managers, as entities (for `in`).
      const chain = (owner) => {
        const out = [];
        for (let e = ents.get(owner); e; e = e.parents.length ? ents.get(e.parents[0].id) : undefined) out.push(e);
        return out;
      };
      const pinSlice = (p) => [
        { uid: uid('Pin', p.id), attrs: { owner: { __entity: uid('User', p.owner) }, team: p.team, restricted: p.restricted }, parents: [] },
        ...chain(p.owner),
      ];
      const slices = pins.map(pinSlice);
      const principals = org.users.map((u) => uid('User', u.id));
      const withPrincipal = (id, slice) => {
        const me = ents.get(id);
        if (!me || slice.includes(me)) return slice;
        return [me, ...slice];
      };
      const plainEnts = org.users.map((u) => [ents.get(u.id)]);
      const users = org.users;
      const variant = (authz) => ({
        a: (u, p) => authz(principals[u], ACTIONS[p], APP, plainEnts[u]),
        b: (u, p, pin) => authz(principals[u], ACTIONS[p], slices[pin][0].uid, withPrincipal(users[u].id, slices[pin])),
      });
      const act = (perm) => uid('Action', perm);
      return {
        plain: (user, perm) => stateless(uid('User', user), act(perm), APP, ents.has(user) ? [ents.get(user)] : []),
        record: (user, perm, pin) => {
          const s = pinSlice(pin);
          return stateless(uid('User', user), act(perm), s[0].uid, withPrincipal(user, s));
        },
        variants: {
          isAuthorized: variant(stateless),
          'statefulIsAuthorized (preparsed policies)': variant(stateful),
        },
      };
    },
  };
}
