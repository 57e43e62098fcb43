// rolegate/dom in headless Chromium, from the packed tarball: gated elements
// stay hidden until decided (the fail-closed CSS), each decided one carries
// `data-can-state`, `observe` gates elements added or changed later until
// `stop()`, and `update` gates the page again for another user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileRoute, launch, serveRoutes, TYPES } from './browser.mjs';

const PKG = path.dirname(createRequire(import.meta.url).resolve('rolegate/package.json'));
const ORG = new URL('../integration/fixture/org.json', import.meta.url);

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>rolegate/dom</title>
<link rel="stylesheet" href="/pkg/dom.css">
<script type="importmap">{"imports": {"rolegate": "/pkg/index.js", "rolegate/dom": "/pkg/dom.js"}}</script>
</head><body>
<button id="billing" data-can="billing.manage">Billing</button>
<button id="users" data-can="users.manage" data-can-mode="disable">Manage users</button>
<div id="list"></div>
<script type="module">
import { init, Rolegate } from 'rolegate';
import * as dom from 'rolegate/dom';
window.dom = dom;
window.start = async () => {
  await init();
  const gate = Rolegate.load(await (await fetch('/org.json')).json());
  window.ann = gate.user('ann');
  window.bob = gate.user('bob');
};
window.loaded = true;
</script>
</body></html>`;

async function withPage(run) {
  const server = await serveRoutes(async (pathname) => {
    if (pathname === '/') return { type: TYPES['.html'], body: PAGE };
    if (pathname === '/org.json') return { type: TYPES['.json'], body: await readFile(ORG) };
    return fileRoute(PKG, /^\/pkg\/(.+)$/.exec(pathname)?.[1]);
  });
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(server.url);
    await tab.waitForFunction(() => window.loaded === true);
    await run(tab);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Each button's state: hidden, disabled or visible, and its data-can-state. */
const states = (tab) => tab.evaluate(() => Object.fromEntries([...document.querySelectorAll('button')].map((b) => [
  b.id, `${b.checkVisibility() ? (b.disabled ? 'disabled' : 'visible') : 'hidden'}/${b.dataset.canState ?? '-'}`,
])));

test('gated elements are hidden until decided, then carry their state; the style goes in once', async () => {
  await withPage(async (tab) => {
    // Nothing decided yet (the wasm has not even started): everything gated is hidden.
    assert.deepEqual(await states(tab), { billing: 'hidden/-', users: 'hidden/-' });
    await tab.evaluate(() => window.start());
    const counts = await tab.evaluate(() => {
      const { allowed, hidden, disabled } = window.dom.applyGates(document, window.bob);
      return { allowed, hidden, disabled };
    });
    assert.deepEqual(counts, { allowed: 0, hidden: 1, disabled: 1 });
    assert.deepEqual(await states(tab), { billing: 'hidden/hidden', users: 'disabled/disabled' });
    // Another user, through the same handle.
    await tab.evaluate(() => window.dom.applyGates(document, window.bob).update(window.ann));
    assert.deepEqual(await states(tab), { billing: 'visible/allowed', users: 'visible/allowed' });
    const styles = await tab.evaluate(() => {
      window.dom.installFailClosedStyle(document);
      window.dom.installFailClosedStyle(document);
      return [document.querySelectorAll('style[data-rolegate]').length, window.dom.FAIL_CLOSED_CSS];
    });
    assert.deepEqual(styles, [1, '[data-can]:not([data-can-state]) { display: none !important; }']);
  });
});

test('observe gates elements added or changed later, until stop()', async () => {
  await withPage(async (tab) => {
    await tab.evaluate(() => window.start());
    await tab.evaluate(() => {
      window.handle = window.dom.applyGates(document, window.bob, { observe: true });
      const list = document.getElementById('list');
      list.insertAdjacentHTML('beforeend', '<section><button id="added-billing" data-can="billing.manage" data-can-mode="disable">Billing</button><button id="added-reports" data-can="reports.view">Reports</button></section>');
    });
    await tab.waitForFunction(() => document.getElementById('added-reports').dataset.canState !== undefined);
    let got = await states(tab);
    assert.equal(got['added-billing'], 'disabled/disabled');
    assert.equal(got['added-reports'], 'visible/allowed');
    assert.match(await tab.getAttribute('#added-billing', 'title'), /\S/, 'the reason as its title');
    // A changed permission is decided again.
    await tab.evaluate(() => document.getElementById('added-reports').setAttribute('data-can', 'billing.manage'));
    await tab.waitForFunction(() => document.getElementById('added-reports').dataset.canState === 'hidden');
    // After stop(), a new element is not decided: it stays hidden (closed).
    await tab.evaluate(() => {
      window.handle.stop();
      document.getElementById('list').insertAdjacentHTML('beforeend', '<button id="late" data-can="reports.view">Late</button>');
    });
    await new Promise((r) => setTimeout(r, 100));
    got = await states(tab);
    assert.equal(got.late, 'hidden/-');
  });
});

test('a user object that throws denies its elements', async () => {
  await withPage(async (tab) => {
    const got = await tab.evaluate(() => {
      const broken = { can() { throw new Error('boom'); }, explain() { throw new Error('boom'); } };
      const { allowed, hidden, disabled } = window.dom.applyGates(document, broken);
      return { allowed, hidden, disabled };
    });
    assert.deepEqual(got, { allowed: 0, hidden: 1, disabled: 1 });
    assert.deepEqual(await states(tab), { billing: 'hidden/hidden', users: 'disabled/disabled' });
  });
});
