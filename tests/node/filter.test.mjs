// Record filters against real databases: for each sample org, every user,
// every record-scoped permission and each context (none, each unit, each
// team), `gate.filter` turned into SQL by `toSql` selects, out of 10,000
// generated records, exactly those `gate.can` allows: in SQLite
// (better-sqlite3, embedded) and in PostgreSQL (a private cluster this test
// starts; skipped, saying why, where it cannot). `toPrisma` is checked with
// an evaluator of Prisma's `where` (SQL's NULL logic included): running
// Prisma itself needs its engines, downloaded at install, which this
// machine cannot do. The README's example runs too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Rolegate } from 'rolegate';
import { toSql, toPrisma } from 'rolegate/filter';
import { asRecord, columns, recordKeys, records, startPostgres, table } from './filter-db.mjs';

const ORGS = new URL('../../www/orgs/', import.meta.url);
const orgs = readdirSync(ORGS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, ORGS), 'utf8'))]);

/** Every (user, permission, context) of an org the test asks about. */
function* questions(snapshot) {
  const contexts = [
    {},
    ...(snapshot.org.units ?? []).map((u) => ({ unit: u.id })),
    ...(snapshot.org.teams ?? []).map((t) => ({ team: t.id })),
  ];
  const perms = snapshot.model.permissions.filter((p) => p.record).map((p) => p.id);
  for (const context of contexts) for (const u of snapshot.org.users) for (const p of perms) yield [u.id, p, context];
}

/** The ids of `rows` that `can` allows, in order. */
function allowedIds(gate, user, permission, context, rows) {
  return rows.filter((r) => gate.can(user, permission, { ...context, record: asRecord(r) })).map((r) => r.id);
}

test('SQLite: each filter selects exactly the records can allows (10,000 per org)', () => {
  for (const [name, snapshot] of orgs) {
    const gate = Rolegate.load(snapshot);
    const rows = records(snapshot);
    const keys = recordKeys(snapshot);
    const db = new Database(':memory:');
    const t = table(keys, () => '?');
    db.exec(t.create);
    for (let i = 0; i < rows.length; i += 500) {
      const { sql, params } = t.insert(rows.slice(i, i + 500));
      db.prepare(sql).run(...params);
    }
    let queries = 0;
    let allowed = 0;
    for (const [user, permission, context] of questions(snapshot)) {
      const filter = gate.filter(user, permission, context);
      const { where, params } = toSql(filter, { columns, dialect: 'sqlite' });
      const got = db.prepare(`SELECT id FROM records WHERE ${where} ORDER BY id`).pluck().all(...params);
      const want = allowedIds(gate, user, permission, context, rows);
      assert.deepEqual(got, want, `${name}: ${user} ${permission} ${JSON.stringify(context)}\n  filter: ${JSON.stringify(filter)}\n  where: ${where}`);
      queries++;
      allowed += want.length;
    }
    assert.ok(allowed > 0 && allowed < queries * rows.length, `${name}: some records allowed, not all`);
    db.close();
    gate.free();
  }
});

test('PostgreSQL: each filter selects exactly the records can allows (10,000 per org)', async (t) => {
  const pg = await startPostgres();
  if (pg.skip) return t.skip(`PostgreSQL: ${pg.skip}`);
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ host: pg.host, port: pg.port, user: pg.user, database: pg.database });
  try {
    await client.connect();
    for (const [name, snapshot] of orgs) {
      const gate = Rolegate.load(snapshot);
      const rows = records(snapshot);
      const tbl = table(recordKeys(snapshot), (n) => `$${n}`);
      await client.query('DROP TABLE IF EXISTS records');
      await client.query(tbl.create);
      for (let i = 0; i < rows.length; i += 1000) {
        const { sql, params } = tbl.insert(rows.slice(i, i + 1000));
        await client.query(sql, params);
      }
      for (const [user, permission, context] of questions(snapshot)) {
        const filter = gate.filter(user, permission, context);
        const { where, params } = toSql(filter, { columns, dialect: 'postgres' });
        const res = await client.query({ text: `SELECT id FROM records WHERE ${where} ORDER BY id`, values: params, rowMode: 'array' });
        const got = res.rows.map((r) => r[0]);
        assert.deepEqual(got, allowedIds(gate, user, permission, context, rows), `${name}: ${user} ${permission} ${JSON.stringify(context)}\n  where: ${where}`);
      }
      gate.free();
    }
  } finally {
    await client.end().catch(() => {});
    pg.stop();
  }
});

/**
 * Prisma's `where` on one row, with SQL's three values: a comparison of a
 * NULL field is unknown (`null`), `NOT` of unknown is unknown, and a row
 * is selected only when its `where` is true.
 */
function prismaWhere(where, row) {
  const parts = [];
  for (const [k, v] of Object.entries(where)) {
    if (k === 'AND') parts.push(and(v.map((w) => prismaWhere(w, row))));
    else if (k === 'OR') parts.push(or(v.map((w) => prismaWhere(w, row))));
    else if (k === 'NOT') parts.push(not(prismaWhere(v, row)));
    else parts.push(fieldTest(row[k], v));
  }
  return and(parts);
}
const and = (ts) => (ts.includes(false) ? false : ts.includes(null) ? null : true);
const or = (ts) => (ts.includes(true) ? true : ts.includes(null) ? null : false);
const not = (t) => (t === null ? null : !t);
function fieldTest(value, test) {
  if (test === null) return value === null;
  const parts = [];
  for (const [op, x] of Object.entries(test)) {
    if (op === 'not' && x === null) parts.push(value !== null);
    else if (value === null) parts.push(null);
    else if (op === 'in') parts.push(x.includes(value));
    else if (op === 'equals') parts.push(value === x);
    else throw new Error(`the evaluator does not know \`${op}\``);
  }
  return and(parts);
}

test('toPrisma: each where selects exactly the records can allows, with SQL NULL logic', () => {
  const fields = { owner: 'ownerId', team: 'teamId', unit: 'unitId', attributes: (k) => `attr_${k}` };
  for (const [name, snapshot] of orgs) {
    const gate = Rolegate.load(snapshot);
    const rows = records(snapshot, 2_000);
    const flat = rows.map((r) => ({
      ownerId: r.owner,
      teamId: r.team,
      unitId: r.unit,
      ...Object.fromEntries(Object.entries(r.attributes).map(([k, v]) => [`attr_${k}`, v])),
    }));
    for (const [user, permission, context] of questions(snapshot)) {
      const filter = gate.filter(user, permission, context);
      let where;
      try {
        where = toPrisma(filter, { fields });
      } catch (e) {
        // Two record attributes compared: not expressible without field references.
        assert.match(e.message, /cannot compare record attribute/);
        continue;
      }
      const got = rows.filter((r, i) => prismaWhere(where, flat[i]) === true).map((r) => r.id);
      assert.deepEqual(got, allowedIds(gate, user, permission, context, rows), `${name}: ${user} ${permission}`);
    }
    gate.free();
  }
});

test('toPrisma and toSql shapes', () => {
  const fields = { owner: 'ownerId', team: 'teamId', unit: 'unitId', attributes: { private: 'isPrivate' } };
  assert.deepEqual(toPrisma(true, { fields }), {});
  assert.deepEqual(toPrisma(false, { fields }), { OR: [] });
  assert.deepEqual(toPrisma({ not: { owner: { in: ['ada'] } } }, { fields }), {
    NOT: { AND: [{ ownerId: { not: null } }, { ownerId: { in: ['ada'] } }] },
  });
  assert.deepEqual(toPrisma({ any: [{ team: { present: false } }, { attr: 'private', eq: false }] }, { fields }), {
    OR: [{ teamId: null }, { AND: [{ isPrivate: { not: null } }, { isPrivate: { in: [false] } }] }],
  });
  assert.throws(() => toPrisma({ attr: 'a', eqAttr: 'b' }, { fields: { attributes: { a: 'a', b: 'b' } } }), /cannot compare/);
  assert.throws(() => toSql({ attr: 'nope', eq: 1 }, { columns: {} }), /no column for record attribute `nope`/);
  const sqlite = toSql({ all: [{ owner: { in: ['ada', 'bo'] } }, { attr: 'private', eq: true }] }, { columns: { owner: 'owner_id', attributes: { private: 'private' } } });
  assert.deepEqual(sqlite, {
    where: '((owner_id IS NOT NULL AND owner_id IN (?, ?)) AND (private IS NOT NULL AND private IN (?)))',
    params: ['ada', 'bo', 1],
  });
  const postgres = toSql({ not: { unit: { within: ['hq'], in: ['hq', 'london'] } } }, { columns: { unit: 'unit_id' }, dialect: 'postgres' });
  assert.deepEqual(postgres, { where: '(NOT (unit_id IS NOT NULL AND unit_id = ANY($1)))', params: [['hq', 'london']] });
  // A long list is one parameter in SQLite too; booleans and numbers compare as the model does.
  const db = new Database(':memory:');
  db.exec('CREATE TABLE r (id INTEGER PRIMARY KEY, owner TEXT, private INTEGER, level REAL)');
  const ins = db.prepare('INSERT INTO r VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 300; i++) ins.run(i, i % 7 === 0 ? null : `u${i}`, i % 3 === 0 ? null : i % 2, i % 5);
  const owners = Array.from({ length: 150 }, (_, i) => `u${i * 2}`);
  const f = { all: [{ not: { owner: { in: owners } } }, { attr: 'private', eq: false }, { attr: 'level', in: [1, 2] }] };
  const { where, params } = toSql(f, { columns: { owner: 'owner', attributes: { private: 'private', level: 'level' } } });
  assert.equal(params.length, 4);
  const got = db.prepare(`SELECT id FROM r WHERE ${where} ORDER BY id`).pluck().all(...params);
  const want = [];
  for (let i = 0; i < 300; i++) {
    const owner = i % 7 === 0 ? null : `u${i}`;
    const priv = i % 3 === 0 ? null : i % 2;
    if (!(owner !== null && owners.includes(owner)) && priv === 0 && [1, 2].includes(i % 5)) want.push(i);
  }
  assert.deepEqual(got, want);
  db.close();
});

test("the README's record filters example runs", async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Record filters'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'a js block in the README section "Record filters"');
  const file = new URL('./readme-filter-example.tmp.mjs', import.meta.url);
  writeFileSync(file, code.replace("'/orgs/jiminny.json'", JSON.stringify(new URL('jiminny.json', ORGS).pathname)));
  try {
    await import(file.href);
  } finally {
    rmSync(file, { force: true });
  }
});
