// The package's declarations in the type test projects of tests/types/
// (`tsc -p` each, as an app would compile against the installed tarball):
// a server without the DOM lib, with and without @types/node, with
// `exactOptionalPropertyTypes` and with `strict` alone; CommonJS; a page with
// `rolegate/dom`. Every one has `skipLibCheck: false` and JSON-imported
// snapshots, and `// @ts-expect-error` where a typed id is misspelt or an
// internal is imported.
//
// The projects resolve `rolegate` through tests/types/node_modules, a link to
// this directory's node_modules made here, and typescript and @types/node
// from the repository's dev tools. By hand, after a run of this file:
//   node_modules/.bin/tsc -p tests/types/server/tsconfig.json
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile as execFileCb, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);
const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = join(ROOT, 'tests/types');
const TSC = join(require.resolve('typescript/package.json'), '../bin/tsc');
const PACKAGE = join(require.resolve('rolegate/package.json'), '..');

/** tsc -p CONFIG (relative to tests/types), with its exit code and output. */
async function tsc(config, ...args) {
  try {
    const { stdout } = await execFile(process.execPath, [TSC, '-p', join(TYPES, config), ...args], { cwd: TYPES, maxBuffer: 1 << 26 });
    return { code: 0, out: stdout };
  } catch (e) {
    if (typeof e?.code !== 'number') throw e;
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

test.before(() => {
  // `rolegate` for the projects: tests/types/node_modules -> tests/node/node_modules.
  const link = join(TYPES, 'node_modules');
  if (!existsSync(link) && !isLink(link)) symlinkSync('../node/node_modules', link, 'junction');
  // The CommonJS project's ids, written by the package's bin into that
  // project, as an app would (a module of its own kind, CommonJS).
  const cli = join(PACKAGE, 'cli.js');
  for (const org of ['jiminny', 'modjo']) {
    const r = spawnSync(process.execPath, [cli, 'types', `www/orgs/${org}.json`, '-o', join(TYPES, `cjs/generated/${org}.ts`)], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
});

function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const PROJECTS = {
  'server/tsconfig.json': 'a server project: lib es2022, @types/node, exactOptionalPropertyTypes, no DOM',
  'server/tsconfig.bare.json': 'the same without @types/node',
  'server/tsconfig.strict.json': 'the same with strict alone (no exactOptionalPropertyTypes)',
  'cjs/tsconfig.json': 'a CommonJS project (module node16): the .d.cts declarations',
  'dom/tsconfig.json': 'a page with lib dom: rolegate/dom, ESM and require',
};

/** Every project's `tsc -p --listFiles` (checked once, read by both tests). */
let runs;
const run = (config) => {
  runs ??= Object.fromEntries(Object.keys(PROJECTS).map((c) => [c, tsc(c, '--listFiles')]));
  return runs[config];
};

test('tsc -p on every type test project', { concurrency: true }, async (t) => {
  await Promise.all(Object.entries(PROJECTS).map(([config, what]) => t.test(`${config}: ${what}`, async () => {
    const { code, out } = await run(config);
    assert.equal(code, 0, `tsc -p tests/types/${config}:\n${out}`);
  })));
});

test('each project reads the declarations it is meant to', async () => {
  const files = async (config) => (await run(config)).out.split('\n').map((f) => f.trim()).filter(Boolean);
  const [server, bare, cjs, dom] = await Promise.all(['server/tsconfig.json', 'server/tsconfig.bare.json', 'cjs/tsconfig.json', 'dom/tsconfig.json'].map(files));
  const has = (list, re) => list.some((f) => re.test(f));
  assert.ok(has(server, /rolegate\/index\.d\.ts$/) && has(server, /rolegate\/client\.d\.ts$/), 'server: index.d.ts, client.d.ts');
  assert.ok(has(server, /@types\/node\//), 'server: @types/node');
  assert.ok(!has(server, /rolegate\/dom\.d\.c?ts$/) && !has(server, /lib\.dom\.d\.ts$/), 'server: no DOM');
  assert.ok(!has(bare, /@types\/node\//) && !has(bare, /lib\.dom\.d\.ts$/), 'bare: neither @types/node nor the DOM lib');
  assert.ok(has(cjs, /rolegate\/index\.d\.cts$/) && has(cjs, /rolegate\/client\.d\.cts$/), 'cjs: the .d.cts declarations');
  assert.ok(!has(cjs, /rolegate\/(index|client|common|types)\.d\.ts$/), 'cjs: none of the ESM declarations');
  assert.ok(has(dom, /rolegate\/dom\.d\.ts$/) && has(dom, /rolegate\/dom\.d\.cts$/), 'dom: dom.d.ts and dom.d.cts');
  for (const list of [server, bare, cjs, dom]) assert.ok(has(list, /www\/orgs\/\w+\.json$/), 'a JSON-imported snapshot');
});

test('the internals the declarations leave out are not exported at runtime either', async () => {
  const internals = ['Core', 'initSync', 'start', 'default', '__rolegate_restart', '_setSlot', 'instance', '__wbg_init'];
  for (const entry of ['rolegate', 'rolegate/client']) {
    for (const [how, names] of [['import', Object.keys(await import(entry))], ['require', Object.keys(require(entry))]]) {
      assert.deepEqual(names.filter((n) => internals.includes(n)), [], `${how}('${entry}')`);
      assert.ok(names.includes('SliceError'), `${how}('${entry}') exports its classes`);
    }
  }
});
