// A list view's query: which of a table's pins may this user view? Two ways,
// with SQLite (better-sqlite3, an in-memory database) in Node (a browser
// has no database):
//
//   (a) filtered: `gate.filter(user, permission)`, `toSql` of
//       `rolegate/filter`, one `SELECT * FROM pins WHERE ...`;
//   (b) every row: `SELECT * FROM pins`, then `me.can(permission, { record:
//       row })` on each row (`me = gate.user(user)`), keeping the allowed.
//
// The table holds `count` pins of the scenario's big org (20,401 users),
// generated as the scenario's pins are (a random owner, the owner's team, a
// quarter restricted), with an index on owner and one on team. Before
// anything is timed, (a), (b) and the scenario's reference must select
// exactly the same ids, for each user asked about.
import { makePins, makeReference } from './scenario.mjs';
import { snapshotOf } from './adapters/rolegate.mjs';
import { median } from './suite.mjs';

export const PERMISSION = 'pins.view';
/** Where table `pins` keeps a record's fields, for `toSql`. */
export const COLUMNS = { owner: 'owner', team: 'team', unit: 'unit', attributes: { restricted: 'restricted' } };
/** How the gate reads a row of `pins` (`Rolegate.load`'s `record` option): SQLite stores booleans as 1/0. */
export const readRow = (row) => ({ owner: row.owner, team: row.team, attributes: { restricted: row.restricted === 1 } });

/** The users asked about: a rep, a manager (50 reps) and the owner (admin). */
export function askedOf(org) {
  const manager = 'u1';
  return [
    { key: 'rep', label: 'a rep', user: org.reports.get(manager)[0] },
    { key: 'manager', label: 'a manager of 50 reps', user: manager },
    { key: 'owner', label: 'the owner, an admin', user: 'u0' },
  ];
}

/**
 * An in-memory database with table `pins` holding `pins` (pin i is row id
 * i + 1), indexed on owner and on team; with `analyze`, ANALYZE has run
 * (the statistics SQLite's planner reads, which `PRAGMA optimize` keeps).
 */
export function makeTable(Database, pins, { analyze }) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE pins (id INTEGER PRIMARY KEY, owner TEXT, team TEXT, unit TEXT, restricted INTEGER NOT NULL, title TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO pins (id, owner, team, unit, restricted, title) VALUES (?, ?, ?, NULL, ?, ?)');
  db.transaction(() => pins.forEach((p, i) => insert.run(i + 1, p.owner, p.team, p.restricted ? 1 : 0, `Pin ${i + 1} of ${p.owner}`)))();
  db.exec('CREATE INDEX pins_owner ON pins (owner); CREATE INDEX pins_team ON pins (team)');
  if (analyze) db.exec('ANALYZE');
  return db;
}

const clock = () => performance.now();

/** ms per call of `fn`: the mean over calls for >= `minMs` (at least one); `check` sees each result. */
function perCall(fn, check, minMs = 20) {
  let spent = 0, n = 0;
  do {
    const t0 = clock();
    const r = fn();
    spent += clock() - t0;
    n++;
    check(r);
  } while (spent < minMs);
  return spent / n;
}

const sortedIds = (rows) => rows.map((r) => r.id).sort((x, y) => x - y);
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The query plan's steps that read table pins (`SEARCH pins USING INDEX ...`, `SCAN pins`), each once. */
function planOf(db, where, params) {
  const steps = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM pins WHERE ${where}`).all(...params).map((r) => r.detail);
  return [...new Set(steps.filter((d) => /^(SCAN|SEARCH) pins\b/.test(d)))];
}

/**
 * Times (a) and (b) for each asked user of `org` over a table of
 * `opts.count` pins, (a) also without ANALYZE's statistics, and the
 * filter's parts alone (`gate.filter`, `toSql`): `opts.runs` samples each,
 * a sample the mean over calls for >= 20 ms, after one untimed call.
 * Returns `{ users, records, cases: { [key]: { label, user, allowed,
 * filterBytes, params, plan, planRaw, times: { filtered, filteredRaw,
 * everyRow, filter, toSql } } }, errors? }`.
 */
export function runFilter({ Rolegate, toSql, Database }, org, opts, log = () => {}) {
  const pins = makePins(org, 0xf117e5, opts.count);
  const db = makeTable(Database, pins, { analyze: true });
  const raw = makeTable(Database, pins, { analyze: false });
  const gate = Rolegate.load(snapshotOf(org), { record: readRow });
  const ref = makeReference(org);
  const out = { users: org.users.length, records: pins.length, cases: {} };
  const errors = [];
  try {
    for (const { key, label, user } of askedOf(org)) {
      const filtered = (on) => () => {
        const { where, params } = toSql(gate.filter(user, PERMISSION), { columns: COLUMNS });
        return on.prepare(`SELECT * FROM pins WHERE ${where}`).all(...params);
      };
      const everyRow = () => {
        const me = gate.user(user);
        const rows = db.prepare('SELECT * FROM pins').all().filter((row) => me.can(PERMISSION, { record: row }));
        me.free();
        return rows;
      };
      // Agreement first: (a) on both tables, (b) and the reference select the same ids.
      const want = [];
      pins.forEach((p, i) => ref.record(user, PERMISSION, p) && want.push(i + 1));
      const got = { '(a)': filtered(db)(), '(a) without ANALYZE': filtered(raw)(), '(b)': everyRow() };
      const wrong = Object.entries(got).filter(([, rows]) => !same(sortedIds(rows), want));
      if (wrong.length) {
        errors.push(`${key} (${user}): the reference allows ${want.length} pins; ${wrong.map(([k, rows]) => `${k} selects ${rows.length}, not the same`).join('; ')}`);
        continue;
      }
      if (want.length === 0 || want.length === pins.length) errors.push(`${key} (${user}): ${want.length} of ${pins.length} pins allowed; the case decides nothing`);
      const filter = gate.filter(user, PERMISSION);
      const sql = toSql(filter, { columns: COLUMNS });
      // The timed calls re-check the number of rows selected.
      const rows = (r) => {
        if (r.length !== want.length) throw new Error(`${key}: a timed list has ${r.length} rows, want ${want.length}`);
      };
      const times = { filtered: [], filteredRaw: [], everyRow: [], filter: [], toSql: [] };
      for (let r = 0; r < opts.runs; r++) {
        times.filtered.push(perCall(filtered(db), rows));
        times.filteredRaw.push(perCall(filtered(raw), rows));
        times.everyRow.push(perCall(everyRow, rows));
        times.filter.push(perCall(() => gate.filter(user, PERMISSION), () => {}));
        times.toSql.push(perCall(() => toSql(filter, { columns: COLUMNS }), () => {}));
      }
      out.cases[key] = {
        label, user, allowed: want.length, filterBytes: JSON.stringify(filter).length, params: sql.params.length,
        plan: planOf(db, sql.where, sql.params), planRaw: planOf(raw, sql.where, sql.params), times,
      };
      const med = (xs) => median(xs).toFixed(2);
      log(`filter ${key} (${user}): ${want.length} of ${pins.length} pins; (a) ${med(times.filtered)} ms (without ANALYZE ${med(times.filteredRaw)} ms), (b) ${med(times.everyRow)} ms, gate.filter ${med(times.filter)} ms, toSql ${med(times.toSql)} ms`);
    }
  } finally {
    gate.free();
    db.close();
    raw.close();
  }
  if (errors.length) out.errors = errors;
  return out;
}
