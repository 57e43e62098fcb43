// The organisations and their records, in normalised tables (SQLite or
// PostgreSQL, the same SQL through db.js). The permission model is one JSON
// column: it is the product's definition, edited as a whole; the org's
// people, teams, units and role assignments are rows, edited one by one.
//
// References (a manager, a team, a role id) are not foreign keys here:
// rolegate checks every one of them when a snapshot loads, with the JSON
// path of each problem, and nothing is saved that does not load (routes.js).
import { toSql } from 'rolegate/filter';
import { openDb } from './db.js';

const TABLES = [
  `CREATE TABLE IF NOT EXISTS orgs (
     id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT, plan TEXT,
     settings TEXT, seats TEXT, model TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS units (
     org_id TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, label TEXT, parent_id TEXT,
     PRIMARY KEY (org_id, id))`,
  `CREATE TABLE IF NOT EXISTS teams (
     org_id TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, label TEXT, settings TEXT,
     PRIMARY KEY (org_id, id))`,
  `CREATE TABLE IF NOT EXISTS team_managers (
     org_id TEXT NOT NULL, team_id TEXT NOT NULL, user_id TEXT NOT NULL, position INTEGER NOT NULL,
     PRIMARY KEY (org_id, team_id, user_id))`,
  `CREATE TABLE IF NOT EXISTS users (
     org_id TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT, manager_id TEXT,
     attributes TEXT, toggles TEXT, grants TEXT,
     PRIMARY KEY (org_id, id))`,
  `CREATE TABLE IF NOT EXISTS team_members (
     org_id TEXT NOT NULL, user_id TEXT NOT NULL, team_id TEXT NOT NULL, position INTEGER NOT NULL,
     PRIMARY KEY (org_id, user_id, team_id))`,
  `CREATE TABLE IF NOT EXISTS user_roles (
     org_id TEXT NOT NULL, user_id TEXT NOT NULL, position INTEGER NOT NULL,
     role TEXT NOT NULL, unit_id TEXT, team_id TEXT,
     PRIMARY KEY (org_id, user_id, position))`,
  `CREATE TABLE IF NOT EXISTS records (
     id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, title TEXT NOT NULL,
     owner_id TEXT, team_id TEXT, unit_id TEXT,
     attributes TEXT NOT NULL DEFAULT '{}', note TEXT NOT NULL DEFAULT '')`,
  'CREATE INDEX IF NOT EXISTS records_by_org ON records (org_id, id)',
];

/**
 * Opens the database and creates the tables that are missing.
 * @param {{ url?: string, file: string }} where PostgreSQL's connection string, or the SQLite file
 */
export async function openStorage(where) {
  const db = await openDb(where);
  for (const sql of TABLES) await db.run(sql);
  return createStorage(db);
}

/** @param {Awaited<ReturnType<typeof openDb>>} db */
function createStorage(db) {
  const ph = db.ph;
  return {
    dialect: db.dialect,
    where: db.where,

    /** The orgs' ids, in the order they were added. */
    async orgIds() {
      return (await db.all('SELECT id FROM orgs ORDER BY position')).map((r) => r.id);
    },

    /** The org's snapshot `{ model, org }` as rolegate loads it, or null. */
    readSnapshot: (orgId) => readSnapshot(db, orgId),

    /** Adds an org (its snapshot) and its records, in one transaction. */
    addOrg: (orgId, snapshot, records) =>
      db.transaction(async (tx) => {
        const [{ n }] = await tx.all('SELECT COUNT(*) AS n FROM orgs');
        await writeOrg(tx, orgId, Number(n), snapshot);
        for (const r of records) {
          await insert(tx, 'records', {
            id: r.id, org_id: orgId, title: r.title, owner_id: r.owner ?? null, team_id: r.team ?? null,
            unit_id: r.unit ?? null, attributes: JSON.stringify(r.attributes ?? {}), note: '',
          });
        }
      }),

    /** Replaces a user's role assignments (`[{ role, unit?, team? }]`). */
    setUserRoles: (orgId, userId, roles) =>
      db.transaction(async (tx) => {
        await tx.run(`DELETE FROM user_roles WHERE org_id = ${ph(1)} AND user_id = ${ph(2)}`, [orgId, userId]);
        await insertRoles(tx, orgId, userId, roles);
      }),

    /**
     * The records of `orgId` that `filter` (a rolegate filter) selects, a page
     * of them and their count: the condition is the query's, so only the rows
     * the user may see are read.
     */
    async listRecords(orgId, filter, { limit, offset }) {
      const { where, params } = toSql(filter, { dialect: db.dialect, columns: recordColumns(db.dialect) });
      const n = params.length; // the filter's placeholders come first, in SQLite's `?` order too
      const cond = `(${where}) AND r.org_id = ${ph(n + 1)}`;
      const [{ total }] = await db.all(`SELECT COUNT(*) AS total FROM records r WHERE ${cond}`, [...params, orgId]);
      const rows = await db.all(
        `${SELECT_RECORDS} WHERE ${cond} ORDER BY r.id LIMIT ${ph(n + 2)} OFFSET ${ph(n + 3)}`,
        [...params, orgId, limit, offset],
      );
      return { total: Number(total), records: rows.map(toRecord) };
    },

    /** One record of the org, or null. */
    async getRecord(orgId, id) {
      const [row] = await db.all(`${SELECT_RECORDS} WHERE r.org_id = ${ph(1)} AND r.id = ${ph(2)}`, [orgId, id]);
      return row ? toRecord(row) : null;
    },

    async setNote(orgId, id, note) {
      await db.run(`UPDATE records SET note = ${ph(1)} WHERE org_id = ${ph(2)} AND id = ${ph(3)}`, [note, orgId, id]);
    },

    close: () => db.close(),
  };
}

// ------------------------------------------------------------- snapshots

/** @returns {Promise<import('rolegate').Snapshot | null>} */
async function readSnapshot(db, orgId) {
  const [org] = await db.all(`SELECT * FROM orgs WHERE id = ${db.ph(1)}`, [orgId]);
  if (!org) return null;
  const rows = (table) => db.all(`SELECT * FROM ${table} WHERE org_id = ${db.ph(1)} ORDER BY position`, [orgId]);
  const [units, teams, managers, users, members, roles] = await Promise.all(
    ['units', 'teams', 'team_managers', 'users', 'team_members', 'user_roles'].map(rows),
  );
  const managersOf = groupBy(managers, 'team_id', (m) => m.user_id);
  const teamsOf = groupBy(members, 'user_id', (m) => m.team_id);
  const rolesOf = groupBy(roles, 'user_id', (r) => compact({ role: r.role, unit: r.unit_id, team: r.team_id }));
  return /** @type {import('rolegate').Snapshot} */ ({
    model: JSON.parse(org.model),
    org: compact({
      name: org.name,
      plan: org.plan,
      settings: parse(org.settings),
      seats: parse(org.seats),
      units: nonEmpty(units.map((u) => compact({ id: u.id, label: u.label, parent: u.parent_id }))),
      teams: nonEmpty(teams.map((t) => compact({ id: t.id, label: t.label, managers: managersOf.get(t.id), settings: parse(t.settings) }))),
      users: users.map((u) =>
        compact({
          id: u.id,
          name: u.name,
          manager: u.manager_id,
          teams: teamsOf.get(u.id),
          roles: rolesOf.get(u.id),
          toggles: parse(u.toggles),
          grants: parse(u.grants),
          attributes: parse(u.attributes),
        }),
      ),
    }),
  });
}

async function writeOrg(tx, orgId, position, { model, org }) {
  await insert(tx, 'orgs', {
    id: orgId, position, name: org.name ?? null, plan: org.plan ?? null,
    settings: json(org.settings), seats: json(org.seats), model: JSON.stringify(model),
  });
  for (const [i, u] of (org.units ?? []).entries()) {
    await insert(tx, 'units', { org_id: orgId, id: u.id, position: i, label: u.label ?? null, parent_id: u.parent ?? null });
  }
  for (const [i, t] of (org.teams ?? []).entries()) {
    await insert(tx, 'teams', { org_id: orgId, id: t.id, position: i, label: t.label ?? null, settings: json(t.settings) });
    for (const [j, user] of (t.managers ?? []).entries()) {
      await insert(tx, 'team_managers', { org_id: orgId, team_id: t.id, user_id: user, position: j });
    }
  }
  for (const [i, u] of org.users.entries()) {
    await insert(tx, 'users', {
      org_id: orgId, id: u.id, position: i, name: u.name ?? null, manager_id: u.manager ?? null,
      attributes: json(u.attributes), toggles: json(u.toggles), grants: json(u.grants),
    });
    for (const [j, team] of (u.teams ?? []).entries()) {
      await insert(tx, 'team_members', { org_id: orgId, user_id: u.id, team_id: team, position: j });
    }
    await insertRoles(tx, orgId, u.id, u.roles ?? []);
  }
}

async function insertRoles(tx, orgId, userId, roles) {
  for (const [i, a] of roles.entries()) {
    await insert(tx, 'user_roles', { org_id: orgId, user_id: userId, position: i, role: a.role, unit_id: a.unit ?? null, team_id: a.team ?? null });
  }
}

/** `INSERT INTO table (...) VALUES (...)` of one row (the column names are this file's). */
function insert(tx, table, row) {
  const cols = Object.keys(row);
  return tx.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => tx.ph(i + 1)).join(', ')})`, Object.values(row));
}

// --------------------------------------------------------------- records

const SELECT_RECORDS = `SELECT r.id, r.title, r.owner_id, r.team_id, r.unit_id, r.attributes, r.note,
    u.name AS owner_name, t.label AS team_label, un.label AS unit_label
  FROM records r
  LEFT JOIN users u ON u.org_id = r.org_id AND u.id = r.owner_id
  LEFT JOIN teams t ON t.org_id = r.org_id AND t.id = r.team_id
  LEFT JOIN units un ON un.org_id = r.org_id AND un.id = r.unit_id`;

/**
 * Where `toSql` finds a record's fields. Attributes are one JSON column; the
 * keys come from the model's conditions, so they are checked before they go
 * into SQL. (PostgreSQL's `->>` reads text: right for the string-valued
 * attributes the sample models compare; a number or boolean attribute
 * would want a typed column.)
 */
function recordColumns(dialect) {
  return {
    owner: 'r.owner_id',
    team: 'r.team_id',
    unit: 'r.unit_id',
    attributes: (key) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`record attribute key ${JSON.stringify(key)} cannot be a JSON path here`);
      return dialect === 'postgres' ? `(r.attributes::jsonb ->> '${key}')` : `json_extract(r.attributes, '$.${key}')`;
    },
  };
}

/**
 * A row as the API returns it: `owner`, `team`, `unit` and `attributes` are
 * the fields rolegate reads from a record (absent ones left out: a null
 * owner would deny as a malformed context), the rest is for people.
 */
function toRecord(row) {
  return compact({
    id: Number(row.id),
    title: row.title,
    owner: row.owner_id,
    team: row.team_id,
    unit: row.unit_id,
    attributes: JSON.parse(row.attributes),
    note: row.note,
    ownerName: row.owner_name,
    teamLabel: row.team_label,
    unitLabel: row.unit_label,
  });
}

// --------------------------------------------------------------- helpers

/** `obj` without its null and undefined fields. */
function compact(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined));
}

const nonEmpty = (list) => (list.length > 0 ? list : undefined);
const json = (v) => (v === undefined ? null : JSON.stringify(v));
const parse = (text) => (text === null || text === undefined ? undefined : JSON.parse(text));

/** A map from `row[key]` to the list of `pick(row)`, in row order. */
function groupBy(rows, key, pick) {
  const out = new Map();
  for (const row of rows) {
    if (!out.has(row[key])) out.set(row[key], []);
    out.get(row[key]).push(pick(row));
  }
  return out;
}
