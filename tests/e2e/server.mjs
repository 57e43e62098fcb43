// End-to-end test of the server example (examples/server/).
//
//   node --test tests/e2e/server.mjs     (also run by `make test`; needs pkg/ built: `make pkg`)
//
// Starts the example as a subprocess (`node main.js`, a free port, a
// temporary SQLite file), and:
// - drives its API with two users of Jiminny's sample org, a rep (Daniel)
//   and a manager (Tom): errors as JSON (401, 404, 400, 405, 415), every
//   user's slice against the full engine on the sample file, the slice's
//   ETag and 304, the filtered list against `can` on every row of the
//   database, 403 with the explanation's code and message, the role change
//   previewed (the diff's summary), refused (422, 403, 409) and saved, and
//   the engine rebuilt from the database after a restart;
// - does the same on PostgreSQL (a private cluster, as tests/node/filter.test.mjs
//   starts it; skipped, saying why, where it cannot start);
// - opens the page in headless Chromium for both users at once: gated
//   buttons, the filtered list, a denied call shown with its 403, a note
//   saved, a role change previewed and saved by the manager, and the rep's
//   page gated anew without a reload. Screenshots: target/screenshots/server-*.png.
//
// The example's npm packages are installed if missing, and `rolegate` is
// linked to the repository's pkg/ as `make server` links it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startPostgres } from '../node/filter-db.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'examples', 'server');
const PKG = path.join(ROOT, 'pkg');
const SHOTS = path.join(ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const ORG = 'jiminny';
const REP = 'daniel'; // Recorder + Voice: listens to his own calls, coaches none
const MANAGER = 'tom'; // Manager of Sales + Recorder: listens to and coaches Sales
const VIEW = 'calls.listen'; // examples/server/src/apps.js: what Jiminny's list and edit ask for
const EDIT = 'calls.coach';
const PAGE = 25; // records per page in the example's page

assert.ok(existsSync(path.join(PKG, 'package.json')), 'the rolegate package is not built: run `make pkg`');
prepareExample();
const requireExample = createRequire(path.join(EXAMPLE, 'package.json'));
const { Rolegate } = await import(pathToFileURL(path.join(PKG, 'node.js')).href);
const { loadSlice } = await import(pathToFileURL(path.join(PKG, 'client-node.js')).href);

const sample = (org) => JSON.parse(readFileSync(path.join(ROOT, 'www', 'orgs', `${org}.json`), 'utf8'));
/** Jiminny before the role change, and after it: Daniel also holds Insights. */
const BEFORE = sample(ORG);
const AFTER = structuredClone(BEFORE);
AFTER.org.users.find((u) => u.id === REP).roles.push({ role: 'insights' });
const CHANGE = { user: REP, roles: AFTER.org.users.find((u) => u.id === REP).roles };

/** Installs the example's packages when missing, and links `rolegate` to pkg/. */
function prepareExample() {
  const modules = path.join(EXAMPLE, 'node_modules');
  const installed = ['better-sqlite3/package.json', 'pg/package.json'].every((f) => existsSync(path.join(modules, f)));
  if (!installed) {
    const cmd = existsSync(path.join(EXAMPLE, 'package-lock.json')) ? 'ci' : 'install';
    const run = spawnSync('npm', [cmd, '--no-audit', '--no-fund'], { cwd: EXAMPLE, stdio: 'inherit' });
    assert.equal(run.status, 0, `npm ${cmd} in examples/server failed`);
  }
  const link = path.join(modules, 'rolegate');
  if (!existsSync(path.join(link, 'package.json'))) {
    if (lstatSync(link, { throwIfNoEntry: false })) rmSync(link, { recursive: true, force: true });
    symlinkSync(path.relative(modules, PKG), link, 'dir');
  }
}

// ------------------------------------------------------------------ the server

/** Starts `node main.js` with `env`; resolves to `{ url, stop() }` once it listens. */
function startServer(env) {
  const child = spawn(process.execPath, ['main.js'], {
    cwd: EXAMPLE,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start in 30 s:\n${output}`)), 30_000);
    const fail = (e) => {
      clearTimeout(timer);
      child.kill();
      reject(e);
    };
    child.on('exit', (code) => fail(new Error(`the server exited (${code}):\n${output}`)));
    child.stderr.on('data', (d) => (output += d));
    child.stdout.on('data', (d) => {
      output += d;
      const url = /on (http:\/\/[\d.]+:\d+)\//.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** A client keeping its session cookie: `call(method, path, { json?, raw?, headers? })` -> `{ status, headers, body }`. */
function client(base) {
  let cookie = '';
  return async (method, url, { json, raw, headers = {} } = {}) => {
    const body = raw ?? (json === undefined ? undefined : JSON.stringify(json));
    const res = await fetch(base + url, {
      method,
      headers: { ...(cookie && { cookie }), ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body,
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body: data };
  };
}

async function signedIn(base, org, user) {
  const call = client(base);
  const res = await call('POST', '/login', { json: { org, user } });
  assert.equal(res.status, 200, `login ${org}/${user}: ${JSON.stringify(res.body)}`);
  return call;
}

// ------------------------------------------------------------- ground truth

/** A database row as a check's record (absent fields left out). */
function asRecord(row) {
  const record = { attributes: JSON.parse(row.attributes) };
  for (const [field, column] of [['owner', 'owner_id'], ['team', 'team_id'], ['unit', 'unit_id']]) {
    if (row[column] !== null) record[field] = row[column];
  }
  return record;
}

/** The ids of `rows` that `gate.can(user, permission, { record })` allows, in order. */
function allowedIds(gate, user, permission, rows) {
  return rows.filter((r) => gate.can(user, permission, { record: asRecord(r) })).map((r) => Number(r.id));
}

const RECORDS_SQL = `SELECT id, owner_id, team_id, unit_id, attributes, note FROM records WHERE org_id = '${ORG}' ORDER BY id`;

function sqliteRows(file) {
  const Database = requireExample('better-sqlite3');
  return async () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(RECORDS_SQL).all();
    } finally {
      db.close();
    }
  };
}

function postgresRows(url) {
  const pg = requireExample('pg');
  return async () => {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      return (await db.query(RECORDS_SQL)).rows;
    } finally {
      await db.end();
    }
  };
}

// ------------------------------------------------------------ the API, twice

/**
 * The API scenario on a fresh database: `start()` starts a server on it
 * (again after a restart), `rows()` reads Jiminny's records from it.
 */
function apiTests(start, rows) {
  let server;
  const gateBefore = Rolegate.load(BEFORE);
  const gateAfter = Rolegate.load(AFTER);
  before(async () => {
    server = await start();
  });
  after(async () => {
    await server?.stop();
  });

  test('errors are JSON: 401 without a session, 404 unknown org or user, 400, 405, 415', async () => {
    const anon = client(server.url);
    const expectError = async (res, status, code) => {
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.code, code);
      assert.equal(typeof res.body.message, 'string');
    };
    await expectError(await anon('GET', '/me'), 401, 'not_signed_in');
    await expectError(await anon('GET', '/me/permissions'), 401, 'not_signed_in');
    await expectError(await anon('GET', '/api/records'), 401, 'not_signed_in');
    await expectError(await anon('POST', '/admin/preview', { json: CHANGE }), 401, 'not_signed_in');
    await expectError(await anon('POST', '/login', { json: { org: 'nope', user: REP } }), 404, 'unknown_org');
    await expectError(await anon('POST', '/login', { json: { org: ORG, user: 'nobody' } }), 404, 'unknown_user');
    await expectError(await anon('POST', '/login', { raw: '{"org": "jiminny",' }), 400, 'bad_json');
    await expectError(await anon('POST', '/login', { json: ['jiminny', REP] }), 400, 'bad_request');
    await expectError(await anon('POST', '/login', { json: { org: ORG, user: 7 } }), 400, 'bad_request');
    await expectError(await anon('POST', '/login', { raw: 'org=jiminny', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
    await expectError(await anon('GET', '/no/such/route'), 404, 'not_found');
    await expectError(await anon('DELETE', '/api/records/1'), 405, 'method_not_allowed');
    await expectError(await anon('PATCH', '/api/records/%E0%A4%A'), 400, 'bad_path');
  });

  test("every user's slice, cut from the database, decides as the full engine on the sample file", async () => {
    for (const org of ['jiminny', 'jrni', 'modjo', 'spotio']) {
      const snapshot = sample(org);
      const gate = Rolegate.load(snapshot);
      for (const { id } of snapshot.org.users) {
        const call = await signedIn(server.url, org, id);
        const res = await call('GET', '/me/permissions');
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/octet-stream');
        const me = await loadSlice(res.body);
        assert.deepEqual(me.permissions(), gate.permissions(id), `${org}/${id}`);
        me.free();
      }
      gate.free();
    }
  });

  test('GET /me/permissions: ETag (fingerprint and user), 304 on If-None-Match', async () => {
    const rep = await signedIn(server.url, ORG, REP);
    const first = await rep('GET', '/me/permissions');
    assert.equal(first.headers.get('etag'), `"${gateBefore.fingerprint}-${REP}"`, 'the fingerprint of the sample file: the database keeps the org exactly');
    const again = await rep('GET', '/me/permissions', { headers: { 'if-none-match': first.headers.get('etag') } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const manager = await signedIn(server.url, ORG, MANAGER);
    const other = await manager('GET', '/me/permissions', { headers: { 'if-none-match': first.headers.get('etag') } });
    assert.equal(other.status, 200, "another user's ETag is not a match");
  });

  test('GET /api/records lists exactly the rows can allows, per user', async () => {
    const all = await rows();
    assert.ok(all.length >= 200, `a few hundred records seeded (${all.length})`);
    const lists = {};
    for (const user of [REP, MANAGER]) {
      const call = await signedIn(server.url, ORG, user);
      const res = await call('GET', '/api/records?limit=500');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const want = allowedIds(gateBefore, user, VIEW, all);
      assert.deepEqual(res.body.records.map((r) => r.id), want, user);
      assert.equal(res.body.total, want.length);
      const paged = await call('GET', '/api/records?limit=5&offset=5');
      assert.deepEqual(paged.body.records.map((r) => r.id), want.slice(5, 10));
      lists[user] = want;
    }
    assert.ok(lists[REP].length > 0 && lists[REP].length < lists[MANAGER].length && lists[MANAGER].length < all.length, JSON.stringify({ rep: lists[REP].length, manager: lists[MANAGER].length, all: all.length }));
    const rep = await signedIn(server.url, ORG, REP);
    assert.equal((await rep('GET', '/api/records?permission=billing.manage')).body.code, 'bad_permission');
    assert.equal((await rep('GET', '/api/records?limit=0')).status, 400);
    assert.equal((await rep('GET', '/api/records?offset=-1')).status, 400);
  });

  test('PATCH /api/records/:id: the full engine decides; 403 with the explanation', async () => {
    const all = await rows();
    const rep = await signedIn(server.url, ORG, REP);
    const manager = await signedIn(server.url, ORG, MANAGER);
    const own = all.find((r) => r.owner_id === REP);
    const cs = all.find((r) => r.team_id === 'cs');
    const sales = all.find((r) => r.team_id === 'sales' && r.owner_id === 'sophie');
    for (const [call, user, row] of [[rep, REP, own], [manager, MANAGER, cs]]) {
      const why = gateBefore.explain(user, EDIT, { record: asRecord(row) });
      assert.equal(why.allowed, false);
      const res = await call('PATCH', `/api/records/${row.id}`, { json: { note: 'not mine to coach' } });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { code: why.code, message: why.message, permission: EDIT });
    }
    const ok = await manager('PATCH', `/api/records/${sales.id}`, { json: { note: 'Good discovery questions' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.note, 'Good discovery questions');
    assert.equal((await rows()).find((r) => r.id === sales.id).note, 'Good discovery questions');
    assert.equal((await manager('PATCH', '/api/records/abc', { json: { note: '' } })).body.code, 'bad_id');
    assert.equal((await manager('PATCH', '/api/records/999999', { json: { note: '' } })).body.code, 'unknown_record');
    assert.equal((await manager('PATCH', '/api/records/1001', { json: { note: '' } })).body.code, 'unknown_record', "another org's record");
    assert.equal((await manager('PATCH', `/api/records/${sales.id}`, { json: { note: 5 } })).status, 400);
    assert.equal((await manager('PATCH', `/api/records/${sales.id}`, { json: { note: 'x'.repeat(501) } })).status, 400);
  });

  test('/admin: a role change previewed with the diff, refused when it must be, saved, and the engine rebuilt', async () => {
    const rep = await signedIn(server.url, ORG, REP);
    const manager = await signedIn(server.url, ORG, MANAGER);
    const denied = await rep('GET', '/admin/users');
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.body, { code: 'no_grant', message: gateBefore.explain(REP, 'users.manage').message, permission: 'users.manage' });

    const users = await manager('GET', '/admin/users');
    assert.equal(users.status, 200);
    assert.deepEqual(users.body.users.map((u) => u.id), ['tom', 'daniel', 'sophie'], 'the users Tom may manage: his team');
    assert.equal(users.body.basedOn, gateBefore.fingerprint);

    const invalid = await manager('POST', '/admin/preview', { json: { user: REP, roles: [{ role: 'voice' }] } });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.code, 'invalid_change');
    assert.match(invalid.body.problems.map((p) => `${p.path}: ${p.message}`).join('\n'), /org\.users\[5\]\.roles: .*requires role `recorder`/);
    const escalation = await manager('POST', '/admin/preview', { json: { user: REP, roles: [...CHANGE.roles, { role: 'admin' }] } });
    assert.deepEqual([escalation.status, escalation.body.code, escalation.body.role], [403, 'no_grant', 'admin']);
    const outside = await manager('POST', '/admin/preview', { json: { user: 'ethan', roles: [{ role: 'recorder' }, { role: 'insights' }] } });
    assert.deepEqual([outside.status, outside.body.code], [403, 'out_of_scope']);
    const malformed = await manager('POST', '/admin/preview', { json: { user: REP, roles: [{ role: 'insights', at: 'x' }] } });
    assert.deepEqual([malformed.status, malformed.body.code], [400, 'bad_request']);

    const preview = await manager('POST', '/admin/preview', { json: CHANGE });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body.summary, Rolegate.diff(BEFORE, AFTER).summary);
    assert.ok(preview.body.summary.some((s) => s.change === 'gains' && s.subject === EDIT));
    const stale = await manager('POST', '/admin/apply', { json: { ...CHANGE, basedOn: '0000000000000000' } });
    assert.deepEqual([stale.status, stale.body.code], [409, 'stale_preview']);
    const saved = await manager('POST', '/admin/apply', { json: { ...CHANGE, basedOn: preview.body.basedOn } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.fingerprint, gateAfter.fingerprint);
    const again = await manager('POST', '/admin/apply', { json: { ...CHANGE, basedOn: preview.body.basedOn } });
    assert.equal(again.status, 409, 'a preview is good for one save');

    // The rep's slice changed: the old ETag is no match any more.
    const slice = await rep('GET', '/me/permissions', { headers: { 'if-none-match': `"${gateBefore.fingerprint}-${REP}"` } });
    assert.equal(slice.status, 200);
    assert.equal(slice.headers.get('etag'), `"${gateAfter.fingerprint}-${REP}"`);
    const me = await loadSlice(slice.body);
    assert.deepEqual(me.permissions(), gateAfter.permissions(REP));
    me.free();
    const list = await rep('GET', '/api/records?limit=500');
    assert.deepEqual(list.body.records.map((r) => r.id), allowedIds(gateAfter, REP, VIEW, await rows()));
    const own = (await rows()).find((r) => r.owner_id === REP);
    assert.equal((await rep('PATCH', `/api/records/${own.id}`, { json: { note: 'coached myself' } })).status, 200);
  });

  test('after a restart, the engine is built from the database: the change is kept', async () => {
    await server.stop();
    server = await start();
    const rep = await signedIn(server.url, ORG, REP);
    const slice = await rep('GET', '/me/permissions');
    assert.equal(slice.headers.get('etag'), `"${gateAfter.fingerprint}-${REP}"`);
  });
}

describe('server example on SQLite: the API', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rolegate-server-'));
  const file = path.join(dir, 'api.db');
  after(() => rmSync(dir, { recursive: true, force: true }));
  apiTests(() => startServer({ DB_FILE: file }), sqliteRows(file));
});

// A private cluster, started before the tests are declared so that the
// describe can say it is skipped, and why.
const pg = await startPostgres();

describe('server example on PostgreSQL: the API', { skip: pg.skip && `PostgreSQL: ${pg.skip}` }, () => {
  const url = pg.skip ? '' : `postgresql://${pg.user}@localhost:${pg.port}/${pg.database}?host=${encodeURIComponent(pg.host)}`;
  after(() => pg.stop());
  apiTests(() => startServer({ DATABASE_URL: url }), postgresRows(url));
});

// ------------------------------------------------------------- the README

test("the README's server section quotes the example's source", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A real server'), readme.indexOf('## Command line'));
  assert.match(section, /make server/);
  const excerpts = [...section.matchAll(/<!-- excerpt: (\S+) -->\n```js\n([\s\S]*?)```/g)];
  assert.ok(excerpts.length >= 2, `excerpts in the section (${excerpts.length})`);
  const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const [, file, code] of excerpts) {
    // The block's lines, in a row, in the file (indentation aside).
    const want = lines(code).join('\n');
    const have = lines(readFileSync(path.join(ROOT, file), 'utf8'));
    const found = have.some((_, i) => have.slice(i, i + lines(code).length).join('\n') === want);
    assert.ok(found, `the README's excerpt of ${file} is not in it:\n${code}`);
  }
});

// ------------------------------------------------------------- the page

describe('server example in headless Chromium: two users, a role change', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rolegate-server-page-'));
  const file = path.join(dir, 'page.db');
  const rows = sqliteRows(file);
  const gateBefore = Rolegate.load(BEFORE);
  const gateAfter = Rolegate.load(AFTER);
  let server;
  let browser;
  const pages = {}; // user -> page, each in its own browser context (its own cookies)
  const pageErrors = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ DB_FILE: file });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const shoot = (page, name) => page.screenshot({ path: path.join(SHOTS, `server-${name}.png`), fullPage: true });

  /** Opens the page in a fresh context and signs in as `user`. */
  async function signIn(user, { screenshot } = {}) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${user}: ${e.message}`));
    page.on('console', (m) => {
      // The API's refusals (401 before sign-in, 403, 422) are the point; anything else is a fault.
      if (m.type() === 'error' && !/status of (401|403|422)\b/.test(m.text())) pageErrors.push(`${user}: ${m.text()}`);
    });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-state="signed-out"]');
    if (screenshot) await shoot(page, screenshot);
    await page.click(`button[data-org="${ORG}"][data-user="${user}"]`);
    await page.waitForSelector('body[data-state="ready"]');
    pages[user] = page;
    return page;
  }

  /** The permissions whose buttons are usable, in page order. */
  const allowedButtons = (page) =>
    page.$$eval('#actions [data-can]', (els) => els.filter((e) => e.dataset.canState === 'allowed').map((e) => e.dataset.can));

  /** The listed records: their ids and the state of their edit buttons. */
  const listedRows = (page) =>
    page.$$eval('#records tbody tr', (trs) => trs.map((tr) => ({ id: Number(tr.dataset.record), state: tr.querySelector('[data-can]').dataset.canState })));

  /** What the page must list for `user`: the first page of ids `can` allows, and each edit button's state. */
  async function expectList(page, gate, user) {
    const all = await rows();
    const want = allowedIds(gate, user, VIEW, all);
    assert.equal(await page.getAttribute('#records', 'data-total'), String(want.length), `${user}: the count`);
    const byId = new Map(all.map((r) => [Number(r.id), r]));
    const expected = want.slice(0, PAGE).map((id) => ({ id, state: gate.can(user, EDIT, { record: asRecord(byId.get(id)) }) ? 'allowed' : 'disabled' }));
    assert.deepEqual(await listedRows(page), expected, `${user}: the rows and their ${EDIT} buttons`);
    return want;
  }

  /** Sends the console's PATCH for record `id`; returns the result's status and text. */
  async function consoleCall(page, id) {
    await page.fill('#console-id', String(id));
    await page.click('#console button[type="submit"]');
    await page.waitForSelector(`#console-result:not([hidden])`);
    await page.waitForFunction(() => document.querySelector('#console-result').dataset.status);
    return { status: await page.getAttribute('#console-result', 'data-status'), text: await page.innerText('#console-result') };
  }

  test('the rep and the manager see different buttons, as the full engine decides', async () => {
    const rep = await signIn(REP, { screenshot: 'sign-in' });
    const manager = await signIn(MANAGER);
    assert.deepEqual(await allowedButtons(rep), gateBefore.permissions(REP));
    assert.deepEqual(await allowedButtons(manager), gateBefore.permissions(MANAGER));
    assert.notDeepEqual(await allowedButtons(rep), await allowedButtons(manager));
    const reports = rep.locator('#actions [data-can="reports.view"]');
    assert.ok(await reports.isDisabled(), 'Daniel: Team reports disabled');
    assert.equal(await reports.getAttribute('title'), gateBefore.explain(REP, 'reports.view').message);
    assert.ok(await rep.locator('#admin-card').isHidden(), 'Daniel: no admin panel');
    assert.ok(await manager.locator('#admin-card').isVisible(), 'Tom: the admin panel');
    assert.match(await rep.innerText('#slice-info'), new RegExp(`fingerprint ${gateBefore.fingerprint}`));
  });

  test('each lists the records the filter selects, with edit buttons gated per record', async () => {
    const repIds = await expectList(pages[REP], gateBefore, REP);
    const managerIds = await expectList(pages[MANAGER], gateBefore, MANAGER);
    assert.ok(repIds.length < managerIds.length);
    await shoot(pages[REP], 'rep');
  });

  test('a denied call shows the server\'s 403 code and message; an allowed one saves', async () => {
    const all = await rows();
    const own = all.find((r) => r.owner_id === REP);
    const cs = all.find((r) => r.team_id === 'cs');
    for (const [user, row] of [[REP, own], [MANAGER, cs]]) {
      const why = gateBefore.explain(user, EDIT, { record: asRecord(row) });
      const { status, text } = await consoleCall(pages[user], row.id);
      assert.equal(status, '403');
      assert.ok(text.includes(why.code) && text.includes(why.message), `${user}: ${text} should show ${why.code}: ${why.message}`);
    }
    // Tom coaches the first call of his list, through the row's own button.
    const manager = pages[MANAGER];
    const first = manager.locator('#records tbody tr').first();
    const id = Number(await first.getAttribute('data-record'));
    await first.locator('[data-can]').click();
    await first.locator('.note-form input').fill('Great objection handling');
    await first.locator('.note-form button').click();
    await manager.waitForFunction((rid) => document.querySelector(`#records tr[data-record="${rid}"] .note`).textContent === 'Great objection handling', id);
    assert.equal((await rows()).find((r) => Number(r.id) === id).note, 'Great objection handling');
  });

  test('the manager previews a role change (refused, then valid), saves it, and the rep\'s page is gated anew', async () => {
    const manager = pages[MANAGER];
    await manager.selectOption('#admin-user', REP);
    // Taking Recorder from Daniel leaves Voice without it: the server says why (422).
    await manager.locator('#assignments .assignment').first().locator('.remove').click();
    await manager.click('#preview');
    await manager.waitForSelector('#admin-result[data-status="error"]');
    assert.match(await manager.innerText('#admin-result'), /422 invalid_change[\s\S]*requires role `recorder`/);
    assert.ok(await manager.locator('#save').isDisabled());

    // Again from Daniel's roles as they are, plus Insights.
    await manager.selectOption('#admin-user', MANAGER);
    await manager.selectOption('#admin-user', REP);
    await manager.click('#add-role');
    await manager.locator('#assignments .assignment').last().locator('.role').selectOption('insights');
    await manager.click('#preview');
    await manager.waitForSelector('#admin-result[data-status="preview"]');
    const lines = await manager.$$eval('#admin-result li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(lines, Rolegate.diff(BEFORE, AFTER).summary.map((s) => s.message));
    assert.ok(lines.some((l) => /gains Coach on calls/.test(l)), lines.join('\n'));
    await shoot(manager, 'manager-preview');
    await manager.click('#save');
    await manager.waitForSelector('#admin-result[data-status="saved"]');
    assert.match(await manager.innerText('#admin-result'), new RegExp(gateAfter.fingerprint));

    // Daniel's page refetches its slice (a 304 until now) and gates itself again.
    const rep = pages[REP];
    await rep.waitForSelector(`#slice-info[data-fingerprint="${gateAfter.fingerprint}"]`, { timeout: 15_000 });
    await rep.waitForFunction((n) => document.querySelector('#records').dataset.total === n, String(allowedIds(gateAfter, REP, VIEW, await rows()).length));
    assert.deepEqual(await allowedButtons(rep), gateAfter.permissions(REP));
    assert.ok(await rep.locator('#actions [data-can="reports.view"]').isEnabled(), 'Daniel: Team reports now enabled');
    await expectList(rep, gateAfter, REP);
    await shoot(rep, 'rep-after');
    assert.deepEqual(pageErrors, []);
  });
});
