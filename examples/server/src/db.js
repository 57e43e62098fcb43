// The two databases behind one small interface, so that storage.js writes
// its SQL once:
//
//   db.dialect                 'sqlite' or 'postgres' (what `toSql` of rolegate/filter takes)
//   db.ph(n)                   the n-th placeholder (1-based): `?` or `$n`
//   await db.all(sql, params)  the rows, as plain objects
//   await db.run(sql, params)  a statement without rows
//   await db.transaction(fn)   fn(tx) with tx the same interface; committed when
//                              fn resolves, rolled back when it throws
//   await db.close()
//
// SQLite (better-sqlite3, embedded: a file, created when missing) is the
// default; PostgreSQL (pg) when a connection string is given.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Opens the database: PostgreSQL when `url` is given, else the SQLite `file`.
 * @param {{ url?: string, file: string }} where
 */
export async function openDb({ url, file }) {
  return url ? openPostgres(url) : openSqlite(file);
}

async function openSqlite(file) {
  const { default: Database } = await import('better-sqlite3');
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // better-sqlite3 is synchronous; the interface is async for PostgreSQL's sake.
  const db = {
    dialect: /** @type {const} */ ('sqlite'),
    where: file,
    ph: () => '?',
    all: async (sql, params = []) => sqlite.prepare(sql).all(...params),
    run: async (sql, params = []) => {
      sqlite.prepare(sql).run(...params);
    },
    // One connection: writes are serialised by the caller (engines.js), so
    // nothing else runs inside a transaction but its own statements.
    transaction: async (fn) => {
      sqlite.exec('BEGIN');
      try {
        const result = await fn(db);
        sqlite.exec('COMMIT');
        return result;
      } catch (e) {
        sqlite.exec('ROLLBACK');
        throw e;
      }
    },
    close: async () => sqlite.close(),
  };
  return db;
}

async function openPostgres(url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client's error (the server restarting) must not crash the process.
  pool.on('error', (e) => console.error('postgres:', e.message));
  await pool.query('SELECT 1'); // fail at startup, not on the first request
  const over = (client) => ({
    dialect: /** @type {const} */ ('postgres'),
    where: redact(url),
    ph: (n) => `$${n}`,
    all: async (sql, params = []) => (await client.query(sql, params)).rows,
    run: async (sql, params = []) => {
      await client.query(sql, params);
    },
  });
  return {
    ...over(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The connection string without its password, for logs. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
