// What the record-filter tests (filter.test.mjs) and the benchmark share:
// the records of a sample org, generated deterministically, their tables in
// SQLite and PostgreSQL, and a private PostgreSQL cluster started for the
// run (Debian's `postgresql`, as user `postgres` when running as root).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The `record.*` keys a snapshot's conditions read. @param {any} snapshot */
export function recordKeys(snapshot) {
  const keys = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (['attr', 'eqAttr', 'inAttr'].includes(k) && typeof x === 'string' && x.startsWith('record.')) keys.add(x.slice(7));
      else walk(x);
    }
  };
  walk(snapshot.model);
  return [...keys].sort();
}

/** Every string of the org's user attributes (list items too), and one nobody has. @param {any} snapshot */
function attributeValues(snapshot) {
  const values = new Set();
  for (const u of snapshot.org.users) {
    for (const v of Object.values(u.attributes ?? {})) {
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') values.add(x);
    }
  }
  return [...values, 'nobody'];
}

/**
 * `count` records of the org, deterministically: owners of the org, none
 * or unknown ones; teams and units likewise; the attributes the model's
 * conditions read absent, a user's value or one nobody has.
 * @param {any} snapshot
 * @returns {{ id: number, owner: string | null, team: string | null, unit: string | null, attributes: Record<string, string | null> }[]}
 */
export function records(snapshot, count = 10_000) {
  const pick = (list, n) => list[n % list.length];
  const owners = [...snapshot.org.users.map((u) => u.id), null, 'someone-else'];
  const teams = [...(snapshot.org.teams ?? []).map((t) => t.id), null, null, 'no-such-team'];
  const units = [...(snapshot.org.units ?? []).map((u) => u.id), null, null, 'no-such-unit'];
  const keys = recordKeys(snapshot);
  const values = [...attributeValues(snapshot), null];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const out = [];
  for (let id = 1; id <= count; id++) {
    const attributes = {};
    for (const k of keys) attributes[k] = pick(values, next() >> 8);
    out.push({ id, owner: pick(owners, next() >> 8), team: pick(teams, next() >> 8), unit: pick(units, next() >> 8), attributes });
  }
  return out;
}

/** A record as a check's context takes it (absent fields left out). */
export function asRecord(r) {
  const record = { attributes: {} };
  for (const f of ['owner', 'team', 'unit']) if (r[f] !== null) record[f] = r[f];
  for (const [k, v] of Object.entries(r.attributes)) if (v !== null) record.attributes[k] = v;
  return record;
}

/** The SQL columns of a record's fields and attributes (`"attr_<key>"`). */
export const columns = { owner: 'owner', team: 'team', unit: 'unit', attributes: (key) => `"attr_${key}"` };

/** `CREATE TABLE records` and the rows of `rows`, as statements with parameters. */
export function table(keys, placeholder) {
  const cols = ['id', 'owner', 'team', 'unit', ...keys.map((k) => `"attr_${k}"`)];
  const create = `CREATE TABLE records (id INTEGER PRIMARY KEY, owner TEXT, team TEXT, unit TEXT${keys.map((k) => `, "attr_${k}" TEXT`).join('')})`;
  const insert = (rows) => {
    const params = [];
    const tuples = rows.map((r) => {
      const values = [r.id, r.owner, r.team, r.unit, ...keys.map((k) => r.attributes[k])];
      const marks = values.map((v) => (params.push(v), placeholder(params.length)));
      return `(${marks.join(', ')})`;
    });
    return { sql: `INSERT INTO records (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, params };
  };
  return { create, insert };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a private PostgreSQL cluster in a temporary directory (its socket
 * there too, on a free port): `{ host, port, user, stop() }`, or
 * `{ skip: why }` when PostgreSQL is not installed or does not start.
 */
export async function startPostgres() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))) : [];
  if (versions.length === 0) return { skip: `no PostgreSQL server in ${root} (apt-get install postgresql)` };
  const bin = join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-pg-'));
  // PostgreSQL refuses to run as root: as root, run it as `postgres`.
  const asRoot = process.getuid?.() === 0;
  const run = (tool, args) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    return spawnSync(cmd, argv, { encoding: 'utf8' });
  };
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      chownSync(dir, uid, gid);
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `running as root without a \`postgres\` user: ${e.message}` };
  }
  const data = join(dir, 'data');
  const init = run('initdb', ['-D', data, '-A', 'trust', '-U', 'rolegate', '--no-sync', '-E', 'UTF8']);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `initdb failed: ${(init.stderr || init.error?.message || '').trim()}` };
  }
  const port = await freePort();
  const start = run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off`, 'start']);
  if (start.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `pg_ctl start failed: ${(start.stderr || start.stdout).trim()}` };
  }
  return {
    host: dir,
    port,
    user: 'rolegate',
    database: 'postgres',
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
