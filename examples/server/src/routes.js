// The HTTP API. Each handler gets `{ req, res, url, params }` and returns
// the JSON body of a 200 (or answers itself, and returns nothing); any
// other answer is a thrown HttpError, sent as `{ code, message, ... }`.
//
// The browser gates its buttons with its slice (`GET /me/permissions`);
// every call that changes something is decided here again, by the full
// engine, whatever the browser showed.
import { Rolegate, SnapshotError } from 'rolegate';
import { HttpError, readJson, sendJson, staticFiles } from './http.js';

/**
 * @param {object} deps
 * @param {ReturnType<typeof import('./engines.js').createEngines>} deps.engines
 * @param {Awaited<ReturnType<typeof import('./storage.js').openStorage>>} deps.storage
 * @param {ReturnType<typeof import('./auth.js').createSessions>} deps.sessions
 * @param {string} deps.publicDir the page
 * @param {string} deps.rolegateDir the installed `rolegate` package (its browser files)
 * @returns {[string, string, Function][]}
 */
export function createRoutes({ engines, storage, sessions, publicDir, rolegateDir }) {
  /** The signed-in user and their org: 401 without a session, or when the user is no longer in the org. */
  function signedIn(req) {
    const session = sessions.read(req);
    if (!session) throw new HttpError(401, 'not_signed_in', 'sign in first: POST /login');
    const org = engines.get(session.org);
    if (!org?.users.has(session.user)) throw new HttpError(401, 'unknown_user', `${session.user} is not a user of ${session.org} any more: sign in again`);
    return { org, user: session.user };
  }

  // ------------------------------------------------ sign-in (demo only)

  /** The orgs and their people, for the demo's sign-in screen (a real app lists nobody). */
  function listOrgs() {
    return {
      orgs: engines.list().map((org) => ({
        id: org.id,
        name: org.snapshot.org.name ?? org.id,
        users: [...org.users.values()].map((u) => person(org, u)),
      })),
    };
  }

  async function login({ req, res }) {
    const body = object(await readJson(req), 'the body');
    const orgId = string(body, 'org');
    const userId = string(body, 'user');
    const org = engines.get(orgId);
    if (!org) throw new HttpError(404, 'unknown_org', `no org ${orgId}`);
    if (!org.users.has(userId)) throw new HttpError(404, 'unknown_user', `no user ${userId} in ${orgId}`);
    sendJson(res, 200, { org: orgId, user: userId }, { 'set-cookie': sessions.open(orgId, userId) });
  }

  function logout({ req, res }) {
    sendJson(res, 200, { signedOut: true }, { 'set-cookie': sessions.close(req) });
  }

  // ------------------------------------------------------ the signed-in user

  /** Who is signed in, and what the page needs to draw itself. */
  function me({ req }) {
    const { org, user } = signedIn(req);
    const { records, view, edit, editLabel, admin } = org.app;
    return {
      org: { id: org.id, name: org.snapshot.org.name ?? org.id },
      user: person(org, org.users.get(user)),
      app: { records, view, edit, editLabel, admin },
      // The model's permissions (the slice has them too), for the page's buttons.
      permissions: org.snapshot.model.permissions.map((p) => ({ id: p.id, label: p.label ?? p.id, record: p.record === true })),
    };
  }

  /** The user's slice for `rolegate/client`; 304 while the org has not changed. */
  function mySlice({ req, res }) {
    const { org, user } = signedIn(req);
    // One URL for everyone: the ETag names the user as well as the snapshot.
    const etag = `"${org.gate.fingerprint}-${encodeURIComponent(user)}"`;
    const headers = { etag, 'cache-control': 'private, no-cache', vary: 'Cookie' };
    if (matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      return res.end();
    }
    const bytes = org.gate.slice(user);
    res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    res.end(bytes);
  }

  // ----------------------------------------------------------------- records

  /** A page of the records the user may act on with `permission` (the org's view permission by default). */
  async function listRecords({ req, url }) {
    const { org, user } = signedIn(req);
    const permission = url.searchParams.get('permission') ?? org.app.view;
    const scoped = org.snapshot.model.permissions.filter((p) => p.record).map((p) => p.id);
    if (!scoped.includes(permission)) {
      throw new HttpError(400, 'bad_permission', `permission must be one of the model's record-scoped permissions: ${scoped.join(', ')}`);
    }
    const limit = integer(url, 'limit', 50, 1, 500);
    const offset = integer(url, 'offset', 0, 0, 1e9);
    // The filter is the query's WHERE: only the rows the user may see are read.
    const filter = org.gate.filter(user, permission);
    const page = await storage.listRecords(org.id, filter, { limit, offset });
    return { permission, limit, offset, ...page };
  }

  /** Sets a record's note: the org's edit permission, on that record. */
  async function updateRecord({ req, params }) {
    const { org, user } = signedIn(req);
    const id = Number(params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(400, 'bad_id', `record ids are positive integers, not ${JSON.stringify(params.id)}`);
    const note = string(object(await readJson(req), 'the body'), 'note', { max: 500, empty: true });
    const record = await storage.getRecord(org.id, id);
    if (!record) throw new HttpError(404, 'unknown_record', `no record ${id} in ${org.id}`);
    enforce(org, user, org.app.edit, { record });
    await storage.setNote(org.id, id, note);
    return { ...record, note };
  }

  // ------------------------------------------------------------------- admin

  /** The users the signed-in user may manage, their roles, and the roles and places to pick from. */
  function adminUsers({ req }) {
    const { org, user } = signedIn(req);
    enforce(org, user, org.app.admin);
    const { model, org: data } = org.snapshot;
    return {
      basedOn: org.gate.fingerprint,
      roles: model.roles.map((r) => ({ id: r.id, label: r.label ?? r.id })),
      places: [
        ...(data.units ?? []).map((u) => ({ unit: u.id, label: u.label ?? u.id })),
        ...(data.teams ?? []).map((t) => ({ team: t.id, label: t.label ?? t.id })),
      ],
      users: [...org.users.values()]
        .filter((u) => org.gate.can(user, org.app.admin, adminContext(org, u.id)))
        .map((u) => ({ ...person(org, u), assignments: u.roles ?? [] })),
    };
  }

  /** What a change of one user's roles would change, without saving it. */
  async function preview({ req }) {
    const { org, user } = signedIn(req);
    const change = roleChange(await readJson(req));
    const next = propose(org, user, change);
    try {
      const { summary, users } = Rolegate.diff(org.gate, next);
      return { basedOn: org.gate.fingerprint, summary, users };
    } finally {
      next.free();
    }
  }

  /**
   * Saves a change previewed on the org as it is now (`basedOn`: the
   * preview's fingerprint; 409 when the org changed since), then rebuilds
   * the org's engine from the database.
   */
  async function apply({ req }) {
    const { org: { id }, user } = signedIn(req);
    const body = await readJson(req);
    const change = roleChange(body);
    const basedOn = string(body, 'basedOn');
    const summary = await engines.change(id, async (org) => {
      if (basedOn !== org.gate.fingerprint) {
        throw new HttpError(409, 'stale_preview', 'the org changed since this preview: preview the change again');
      }
      const next = propose(org, user, change); // decided again on the org as it is now
      try {
        const diff = Rolegate.diff(org.gate, next);
        await storage.setUserRoles(id, change.user, change.roles);
        return diff.summary;
      } finally {
        next.free();
      }
    });
    return { saved: true, fingerprint: engines.get(id).gate.fingerprint, summary };
  }

  /**
   * The org with `change` made, loaded (422 with every problem when it
   * breaks the org's rules), once the actor may make it (403 otherwise).
   */
  function propose(org, actor, { user, roles }) {
    const target = org.users.get(user);
    if (!target) throw new HttpError(404, 'unknown_user', `no user ${user} in ${org.id}`);
    enforce(org, actor, org.app.admin, adminContext(org, user));
    const snapshot = structuredClone(org.snapshot);
    snapshot.org.users.find((u) => u.id === user).roles = roles;
    let next;
    try {
      next = Rolegate.load(snapshot);
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
      const n = e.problems.length;
      throw new HttpError(422, 'invalid_change', `the change breaks the org's rules (${n} problem${n === 1 ? '' : 's'})`, { problems: e.problems });
    }
    try {
      mayAssign(org, actor, user, target.roles ?? [], roles);
    } catch (e) {
      next.free();
      throw e;
    }
    return next;
  }

  return [
    ['GET', '/', staticFiles(publicDir)],
    ['GET', '/public/*rest', staticFiles(publicDir)],
    ['GET', '/rolegate/*rest', staticFiles(rolegateDir)],
    ['GET', '/api/orgs', listOrgs],
    ['POST', '/login', login],
    ['POST', '/logout', logout],
    ['GET', '/me', me],
    ['GET', '/me/permissions', mySlice],
    ['GET', '/api/records', listRecords],
    ['PATCH', '/api/records/:id', updateRecord],
    ['GET', '/admin/users', adminUsers],
    ['POST', '/admin/preview', preview],
    ['POST', '/admin/apply', apply],
  ];
}

// ------------------------------------------------------------ decisions

/** 403 with the explanation's code and message unless `user` may do `permission` (in `context`). */
function enforce(org, user, permission, context) {
  const why = org.gate.explain(user, permission, context);
  if (!why.allowed) throw new HttpError(403, why.code, why.message, { permission });
}

/** The admin permission's context for managing `target`: the target as the record, when the permission is record-scoped. */
function adminContext(org, target) {
  const scoped = org.snapshot.model.permissions.find((p) => p.id === org.app.admin)?.record;
  return scoped ? { record: { owner: target } } : undefined;
}

/**
 * 403 unless `actor` may give (and take away) every assignment that differs
 * between `before` and `after`: `canAssign`, so nobody hands out more than
 * they hold. Its `would_be_invalid` judges one assignment on today's org;
 * the proposed org as a whole has loaded, so that one is not a refusal here.
 */
function mayAssign(org, actor, user, before, after) {
  const key = (a) => JSON.stringify([a.role, a.unit ?? null, a.team ?? null]);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const changed = [...after.filter((a) => !had.has(key(a))), ...before.filter((a) => !has.has(key(a)))];
  for (const a of changed) {
    const why = org.gate.canAssign(actor, a.role, { user, ...(a.unit && { unit: a.unit }), ...(a.team && { team: a.team }) });
    if (!why.allowed && why.code !== 'would_be_invalid') throw new HttpError(403, why.code, why.message, { role: a.role });
  }
}

// ------------------------------------------------------------ shapes

/** A user as the page shows them. */
function person(org, u) {
  const { roles } = org.snapshot.model;
  const { units = [], teams = [] } = org.snapshot.org;
  const label = (list, id) => list.find((x) => x.id === id)?.label ?? id;
  return {
    id: u.id,
    name: u.name ?? u.id,
    title: typeof u.attributes?.title === 'string' ? u.attributes.title : undefined,
    roles: (u.roles ?? []).map((a) =>
      [label(roles, a.role), a.unit && `at ${label(units, a.unit)}`, a.team && `for ${label(teams, a.team)}`].filter(Boolean).join(' '),
    ),
  };
}

/** `{ user, roles: [{ role, unit?, team? }] }` from a request body (400 naming the field otherwise). */
function roleChange(body) {
  object(body, 'the body');
  const user = string(body, 'user');
  if (!Array.isArray(body.roles) || body.roles.length > 100) {
    throw new HttpError(400, 'bad_request', 'roles must be a list (at most 100) of { role, unit?, team? }');
  }
  const roles = body.roles.map((a, i) => {
    const where = `roles[${i}]`;
    object(a, where);
    const extra = Object.keys(a).filter((k) => !['role', 'unit', 'team'].includes(k));
    if (extra.length > 0) throw new HttpError(400, 'bad_request', `${where}: unknown field ${extra[0]} (an assignment has role, unit and team)`);
    const out = { role: string(a, 'role', { where }) };
    if (a.unit !== undefined) out.unit = string(a, 'unit', { where });
    if (a.team !== undefined) out.team = string(a, 'team', { where });
    return out;
  });
  return { user, roles };
}

function object(value, what) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'bad_request', `${what} must be a JSON object`);
  return value;
}

/** `obj[key]`, a string of at most `max` characters (400 otherwise; empty only when `empty`). */
function string(obj, key, { max = 200, empty = false, where = '' } = {}) {
  const v = obj[key];
  const name = where ? `${where}.${key}` : key;
  if (typeof v !== 'string') throw new HttpError(400, 'bad_request', `${name} must be a string`);
  if (!empty && v.length === 0) throw new HttpError(400, 'bad_request', `${name} must not be empty`);
  if (v.length > max) throw new HttpError(400, 'bad_request', `${name} is over ${max} characters`);
  return v;
}

/** The query parameter `name`, an integer from `min` to `max` (`fallback` when absent). */
function integer(url, name, fallback, min, max) {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, 'bad_request', `${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** Whether an If-None-Match header names `etag` (or `*`). */
function matches(header, etag) {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
