// The packed tarball in a plain page (`<script type="module">` with an import
// map, no bundler) in headless Chromium, running the README's usage example
// verbatim, then checking every value the README states in its comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileRoute, launch, serveRoutes, TYPES } from './browser.mjs';

const PKG = path.dirname(createRequire(import.meta.url).resolve('rolegate/package.json'));
const ORGS = new URL('../../www/orgs/', import.meta.url);

/** The README's first ```js block (the package's README, as installed). */
async function readmeExample() {
  // The repository's README (the package ships its own, docs/README-package.md).
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a ```js example');
  return block[1];
}

/** `expr; // value` lines of the example, with literal values (true, 9, 'code'). */
function claims(code) {
  const out = [];
  for (const line of code.split('\n')) {
    const m = /^([a-z][\w.]*\(.*\)(?:\.\w+)?);\s*\/\/\s*(true|false|\d+|'[^']*')(?=$|[\s:])/.exec(line.trim());
    if (m) out.push({ expr: m[1], want: JSON.parse(m[2].replace(/^'(.*)'$/, '"$1"')) });
  }
  return out;
}

function page(code) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>rolegate README</title>
<script type="importmap">{"imports": {"rolegate": "/pkg/index.js", "rolegate/dom": "/pkg/dom.js"}}</script>
</head><body>
<button id="billing" data-can="billing.manage">Billing</button>
<button id="settings" data-can="settings.organisation" data-can-mode="disable">Settings</button>
<button id="listen" data-can="calls.listen" data-can-owner="daniel">Listen to Daniel</button>
<button id="listen-ethan" data-can="calls.listen" data-can-owner="ethan" data-can-mode="disable">Listen to Ethan</button>
<button id="record" data-can="calls.record">Record</button>
<script type="module">
${code}
window.readme = { gate, me, applyGates };
window.readmeDone = true;
</script>
</body></html>`;
}

test('the README example runs in a plain module page and its stated values hold', async () => {
  const code = await readmeExample();
  const stated = claims(code);
  assert.ok(stated.length >= 6, `README states values: ${JSON.stringify(stated)}`);
  const server = await serveRoutes(async (pathname) => {
    if (pathname === '/') return { type: TYPES['.html'], body: page(code) };
    if (pathname === '/favicon.ico') return { type: 'image/x-icon', body: '' };
    const [, dir, rest] = /^\/(pkg|orgs)\/(.+)$/.exec(pathname) ?? [];
    return dir && fileRoute(dir === 'pkg' ? PKG : ORGS, rest);
  });
  const browser = await launch().catch(async (e) => {
    await server.close();
    throw e;
  });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await tab.goto(server.url);
    await tab.waitForFunction(() => window.readmeDone === true || document.readyState === 'complete');
    await tab.waitForFunction(() => window.readmeDone === true, null, { timeout: 10_000 }).catch(() => {});
    assert.deepEqual(errors, []);
    assert.equal(await tab.evaluate(() => window.readmeDone), true);

    for (const { expr, want } of stated) {
      const got = await tab.evaluate((e) => new Function('gate', 'me', `return ${e};`)(window.readme.gate, window.readme.me), expr);
      assert.deepEqual(got, want, expr);
    }

    const state = (id) => tab.evaluate((i) => {
      const el = document.getElementById(i);
      return { hidden: el.hidden, disabled: el.disabled, title: el.title, visible: el.checkVisibility() };
    }, id);
    assert.deepEqual(await state('billing'), { hidden: true, disabled: false, title: '', visible: false });
    const settings = await state('settings');
    assert.equal(settings.disabled, true);
    assert.equal(settings.visible, true);
    assert.match(settings.title, /\S/);
    assert.deepEqual(await state('listen'), { hidden: false, disabled: false, title: '', visible: true });
    assert.equal((await state('listen-ethan')).disabled, true);
    assert.match((await state('listen-ethan')).title, /out of scope/);
    assert.deepEqual(await state('record'), { hidden: false, disabled: false, title: '', visible: true });

    // The DOM helper denies a malformed context as every other path does:
    // disabled, with the engine's reason as the title.
    const gated = await tab.evaluate(() => {
      const { me, applyGates } = window.readme;
      const box = document.createElement('div');
      // (Attributes no condition reads are ignored, whatever they hold.)
      const attributes = ['{"x": "y"}', '{"x": null}', '{"x": {"y": 1}}', '{"x": [1]}', '{', '[]', '5'];
      for (const a of attributes) {
        const b = document.createElement('button');
        Object.assign(b.dataset, { can: 'calls.listen', canOwner: 'daniel', canMode: 'disable', canAttributes: a });
        box.append(b);
      }
      document.body.append(box);
      applyGates(box, me);
      const seen = [...box.children].map((b) => ({ disabled: b.disabled, title: b.title }));
      const odd = [new Date(0), [], { unitt: 'x' }, { record: { owner: 7 } }].map((context) => {
        const b = document.createElement('button');
        b.dataset.can = 'calls.listen';
        b.dataset.canMode = 'disable';
        const one = document.createElement('div');
        one.append(b);
        applyGates(one, me, { context });
        return { disabled: b.disabled, title: b.title };
      });
      return { seen, odd };
    });
    for (const got of gated.seen.slice(0, 4)) assert.deepEqual(got, { disabled: false, title: '' }, 'attributes are read, unread ones ignored');
    for (const [i, got] of [...gated.seen.slice(4), ...gated.odd].entries()) {
      assert.equal(got.disabled, true, `malformed context ${i} is denied`);
      assert.match(got.title, /^invalid context/, `malformed context ${i}: ${got.title}`);
    }

    // A wasm instance that traps is replaced in the page too (synchronously,
    // from the module the page loaded): its engines deny, later loads work.
    const restarted = await tab.evaluate(async () => {
      const { Rolegate } = await import('rolegate');
      const { Core } = await import('/pkg/rolegate.js');
      const { gate, me } = window.readme;
      const snapshot = await (await fetch('/orgs/jiminny.json')).json();
      const before = me.can('calls.record');
      const bogus = Object.create(Core.prototype);
      bogus.__wbg_ptr = 0xfffffff0;
      let thrown = '';
      try {
        new Rolegate(bogus);
      } catch (e) {
        thrown = String(e.message);
      }
      const after = Rolegate.load(snapshot);
      const user = snapshot.org.users[0].id;
      return {
        before, thrown, lostCan: me.can('calls.record'), lostCode: gate.explain(user, 'calls.record').code,
        reloaded: after.permissions(user).length > 0,
      };
    });
    assert.deepEqual(restarted, {
      before: true, thrown: restarted.thrown, lostCan: false, lostCode: 'engine_lost', reloaded: true,
    });
    assert.match(restarted.thrown, /engine was lost/);
  } finally {
    await browser.close();
    await server.close();
  }
});
