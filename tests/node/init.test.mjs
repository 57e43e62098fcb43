// Starting the wasm: importing never blocks, `init()` starts it once, and
// `init({ wasm })` takes it as a path, URL, bytes, `WebAssembly.Module` or
// `Response`. Each Node case runs in a fresh process (one instance per
// process); the browser cases in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileRoute, launch, serveRoutes, TYPES } from './browser.mjs';

const PKG = path.dirname(createRequire(import.meta.url).resolve('rolegate/package.json'));
const ORG = new URL('../integration/fixture/org.json', import.meta.url);
const WASM = path.join(PKG, 'rolegate_bg.wasm');

/** Runs `code` (an ES module) in a fresh Node process; returns its last line, parsed. */
function fresh(code) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: path.dirname(new URL(import.meta.url).pathname), encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

const decide = `
const snapshot = JSON.parse(fs.readFileSync(${JSON.stringify(ORG.pathname)}, 'utf8'));
const ok = (g) => [g.can('ann', 'billing.manage'), g.can('bob', 'billing.manage')];`;

for (const [name, wasm] of [
  ['a path', JSON.stringify(WASM)],
  ['a file: URL', `new URL(${JSON.stringify(`file://${WASM}`)})`],
  ['its bytes', `fs.readFileSync(${JSON.stringify(WASM)})`],
  ['a WebAssembly.Module', `new WebAssembly.Module(fs.readFileSync(${JSON.stringify(WASM)}))`],
  ['a Response', `new Response(fs.readFileSync(${JSON.stringify(WASM)}), { headers: { 'content-type': 'application/wasm' } })`],
]) {
  test(`Node: init({ wasm }) takes ${name}`, () => {
    const got = fresh(`import fs from 'node:fs'; import { init, Rolegate } from 'rolegate';${decide}
const before = Rolegate.ready;
await init({ wasm: ${wasm} });
await init(); // once started, again is nothing
console.log(JSON.stringify({ before, after: Rolegate.ready, decisions: ok(Rolegate.load(snapshot)) }));`);
    assert.deepEqual(got, { before: false, after: true, decisions: [true, false] });
  });
}

test('Node: the wasm starts on first use without init(); a bad .wasm is a clear error, and init can be retried', () => {
  const got = fresh(`import fs from 'node:fs'; import { init, Rolegate } from 'rolegate';${decide}
let error = '';
try { await init({ wasm: new Uint8Array([0, 1, 2, 3]) }); } catch (e) { error = e.message; }
const decisions = ok(Rolegate.load(snapshot)); // starts it from disk
console.log(JSON.stringify({ error, decisions, ready: Rolegate.ready }));`);
  assert.match(got.error, /^rolegate: could not start its wasm: /);
  assert.deepEqual(got.decisions, [true, false]);
  assert.equal(got.ready, true);
});

test('browser: loading before init() says what to do; init() fetches the .wasm next to the entry, or takes it', async () => {
  const server = await serveRoutes(async (pathname) => {
    if (pathname === '/') return { type: TYPES['.html'], body: '<!doctype html><title>init</title><script type="importmap">{"imports": {"rolegate": "/pkg/index.js", "rolegate/client": "/pkg/client.js"}}</script>' };
    if (pathname === '/org.json') return { type: TYPES['.json'], body: await readFile(ORG) };
    return fileRoute(PKG, /^\/pkg\/(.+)$/.exec(pathname)?.[1]);
  });
  const browser = await launch();
  try {
    const run = async (code) => {
      const tab = await browser.newPage();
      await tab.goto(server.url);
      const got = await tab.evaluate(code);
      await tab.close();
      return got;
    };
    const early = await run(async () => {
      const { Rolegate } = await import('rolegate');
      const snapshot = await (await fetch('/org.json')).json();
      try {
        Rolegate.load(snapshot);
        return 'loaded';
      } catch (e) {
        return e.message;
      }
    });
    assert.match(early, /^rolegate: its wasm is not started: `await init\(\)` once before loading/);
    const byDefault = await run(async () => {
      const { init, Rolegate } = await import('rolegate');
      await init();
      return Rolegate.load(await (await fetch('/org.json')).json()).can('ann', 'billing.manage');
    });
    assert.equal(byDefault, true);
    const given = await run(async () => {
      const { init, Rolegate } = await import('rolegate');
      const bytes = new Uint8Array(await (await fetch('/pkg/rolegate_bg.wasm')).arrayBuffer());
      await init({ wasm: bytes });
      return Rolegate.load(await (await fetch('/org.json')).json()).can('bob', 'billing.manage');
    });
    assert.equal(given, false);
    const missing = await run(async () => {
      const { init } = await import('rolegate');
      try {
        await init({ wasm: '/nowhere.wasm' });
        return 'started';
      } catch (e) {
        return e.message;
      }
    });
    assert.match(missing, /^rolegate: could not start its wasm: /);
  } finally {
    await browser.close();
    await server.close();
  }
});
