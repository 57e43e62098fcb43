// The packed tarball in a Vite app: build it, open it in headless Chromium
// for two users of different roles and check which buttons are visible,
// hidden and disabled. Screenshots: target/vite-app-<user>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveRoutes, TYPES } from '../node/browser.mjs';

const APP = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(APP, '../..');
const DIST = path.join(ROOT, 'target/vite-app-dist');

// ann: Admin (every permission not bound to a seat); bob: Agent + Recorder in Sales.
const EXPECT = {
  ann: {
    reports: 'visible', billing: 'visible', users: 'visible',
    record: 'hidden', // an Admin without the recording seat
    'call-bob': 'visible', 'call-dan': 'visible',
    'call-bob-private': 'disabled', // a restriction binds Admins too (data-can-attributes)
  },
  bob: {
    reports: 'visible', billing: 'hidden', users: 'disabled',
    record: 'visible', 'call-bob': 'visible',
    'call-dan': 'disabled', // Dan is in another team
    'call-bob-private': 'visible', // the owner is exempt
  },
};

test('Vite build of an app using the tarball gates buttons per user', async () => {
  execFileSync(path.join(APP, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: APP, stdio: 'inherit' });
  const server = await serveRoutes(async (pathname) => {
    const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
    if (rel.includes('..')) return undefined;
    try {
      return { type: TYPES[path.extname(rel)] ?? 'application/octet-stream', body: await readFile(path.join(DIST, rel)) };
    } catch {
      return undefined;
    }
  });
  const browser = await launch().catch(async (e) => {
    await server.close();
    throw e;
  });
  try {
    for (const [user, want] of Object.entries(EXPECT)) {
      const tab = await browser.newPage();
      const errors = [];
      tab.on('pageerror', (e) => errors.push(String(e)));
      await tab.goto(`${server.url}/?user=${user}`);
      await tab.waitForSelector('body[data-ready]', { timeout: 10_000 });
      assert.deepEqual(errors, [], user);
      for (const [id, state] of Object.entries(want)) {
        const el = tab.locator(`#${id}`);
        const got = !(await el.isVisible()) ? 'hidden' : (await el.isDisabled()) ? 'disabled' : 'visible';
        assert.equal(got, state, `${user}: #${id}`);
        if (state === 'disabled') assert.match(await el.getAttribute('title') ?? '', /\S/, `${user}: #${id} has the reason as title`);
        if (id === 'call-bob-private' && state === 'disabled') {
          assert.equal(await el.getAttribute('title'), 'restricted: private calls are for their owner only');
        }
      }
      await tab.screenshot({ path: path.join(ROOT, `target/vite-app-${user}.png`), fullPage: true });
      await tab.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
