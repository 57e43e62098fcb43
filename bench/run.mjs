#!/usr/bin/env node
// rolegate benchmark runner: every library on the same decisions, in Node 20
// and in headless Chromium, one table in bench/results.md; beside them the same
// rules hand-written in plain JS (the floor a JS developer would write).
//
//   node bench/run.mjs [--quick] [--only=floor,casl,cedar,casbin,plainjs,rolegate,diff,filter]
//                      [--no-node] [--no-browser] [--out=results.md]
//                      [--procs=3] [--runs=3] [--min-ms=250] [--help]
//
// Each library and API variant runs in --procs fresh Node processes and as
// many fresh Chromium profiles, --runs samples in each; the table shows the
// median and spread over all of them (so the variation between processes,
// which JIT decisions make large for pure-JS libraries, is in the spread).
// rolegate also runs as rolegate/client (one ClientGate per user from their
// slice), and its slices are measured (size, gate.slice, loadSlice). Two
// Node-only parts follow (`--only=diff,filter`): the change impact
// (`Rolegate.diff`) of edits of the 20,401-user org (diff.mjs), and a
// filtered SQLite query against fetching every row and checking each
// (filter.mjs).
//
// Needs `npm ci` in bench/ (CASL, Cedar, casbin, playwright-core, esbuild,
// better-sqlite3 from npm) and the rolegate package built into ../pkg (`make pkg`); if
// ../pkg is missing it runs `make pkg` and stops with a clear message when
// that fails. Chromium: /usr/bin/chromium (override with CHROMIUM=path).
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BENCH_DIR, PKG_DIR, pkgEntry, pkgManifest, usePkgDir } from './rolegate-path.mjs';
import { median } from './suite.mjs';

// ---------------------------------------------------------------- command line

const ALL_LIBS = ['floor', 'casl', 'cedar', 'casbin', 'plainjs', 'rolegate'];
// Node-only parts of rolegate alone (node-part.mjs), after the libraries.
const ALL_PARTS = ['diff', 'filter'];
const ALL_NAMES = [...ALL_LIBS, ...ALL_PARTS];

const USAGE = `usage: node bench/run.mjs [options]

  --quick         a short smoke run: --procs and --min-ms default to 1 and 100;
                  the diff part uses the 1,021-user org, the filter part
                  10,000 pins instead of 100,000
  --only=NAMES    comma-separated libraries to run, in this order, and parts
                  (default ${ALL_NAMES.join(',')});
                  the parts (Node only, after the libraries' Node runs): diff, the change
                  impact of edits of the 20,401-user org; filter, a filtered
                  SQLite query vs fetching every row and checking each
  --no-node       skip the Node runs (the parts too)
  --no-browser    skip the headless Chromium runs
  --procs=N       fresh Node processes and Chromium profiles per library and
                  variant (default 3, 1 with --quick)
  --runs=N        samples in each process or page (default 3)
  --min-ms=N      each check sample runs for at least N ms (default 250, 100
                  with --quick)
  --out=FILE      the table, relative to bench/ (default results.md); the
                  samples go beside it, .md replaced by .json
  -h, --help      print this and exit

Values may also follow as the next argument (--runs 5).
Environment: CHROMIUM=path (default /usr/bin/chromium), ROLEGATE_PKG=dir
(the rolegate package, default ../pkg).`;

/** The run's settings from its arguments; throws a TypeError (code ERR_*) on bad ones. */
function parseCli(args) {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', default: ALL_NAMES.join(',') },
      'no-node': { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      procs: { type: 'string' },
      runs: { type: 'string', default: '3' },
      'min-ms': { type: 'string' },
      out: { type: 'string', default: 'results.md' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const bad = (message) => Object.assign(new TypeError(message), { code: 'ERR_BENCH_ARGS' });
  const count = (name, text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw bad(`--${name} must be a whole number >= 1, not ${JSON.stringify(text)}`);
    return n;
  };
  const quick = values.quick;
  const minMs = Number(values['min-ms'] ?? (quick ? 100 : 250));
  if (values['min-ms']?.trim() === '' || !Number.isFinite(minMs) || minMs < 0) throw bad(`--min-ms must be a number of milliseconds >= 0, not ${JSON.stringify(values['min-ms'])}`);
  const names = values.only.split(',');
  const unknown = names.filter((l) => !ALL_NAMES.includes(l));
  if (unknown.length) throw bad(`--only: unknown ${unknown.length === 1 ? 'name' : 'names'} ${unknown.map((l) => JSON.stringify(l)).join(', ')} (libraries: ${ALL_LIBS.join(', ')}; parts: ${ALL_PARTS.join(', ')})`);
  if (!values.out) throw bad('--out needs a file name');
  return {
    help: values.help,
    quick,
    runs: count('runs', values.runs), // samples per process / page
    procs: count('procs', values.procs ?? (quick ? '1' : '3')), // fresh processes / pages per library and variant
    minMs,
    libs: names.filter((n) => ALL_LIBS.includes(n)),
    parts: ALL_PARTS.filter((n) => names.includes(n)),
    out: path.resolve(BENCH_DIR, values.out),
    node: !values['no-node'],
    browser: !values['no-browser'],
  };
}

const argv = process.argv.slice(2);
let cli;
try {
  cli = parseCli(argv);
} catch (e) {
  if (typeof e?.code !== 'string' || !e.code.startsWith('ERR_')) throw e;
  console.error(`bench: ${e.message} (\`node bench/run.mjs --help\` lists the flags)`);
  process.exit(2);
}
if (cli.help) {
  console.log(USAGE);
  process.exit(0);
}
const RUNS = cli.runs;
const PROCS = cli.procs;
const MIN_MS = cli.minMs;
const LIBS = cli.libs;
const PARTS = cli.parts;
// The rolegate package is needed by its library runs and by the parts.
const NEEDS_PKG = LIBS.includes('rolegate') || PARTS.length > 0;
const OUT = cli.out;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BUILD = path.join(BENCH_DIR, '.out');
const log = (...a) => console.error(...a);
const LOADAVG_BEFORE = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : null;

// ---------------------------------------------------------------- set-up

function ensureDeps() {
  if (!existsSync(path.join(BENCH_DIR, 'node_modules', '@casl', 'ability'))) {
    throw new Error('bench/node_modules is missing: run `npm ci` in bench/ first');
  }
  if (PARTS.includes('filter') && cli.node && !existsSync(path.join(BENCH_DIR, 'node_modules', 'better-sqlite3'))) {
    throw new Error('bench/node_modules has no better-sqlite3 (the filter part): run `npm ci` in bench/ again');
  }
}

function ensurePkg() {
  if (!NEEDS_PKG) return;
  if (existsSync(path.join(PKG_DIR, 'package.json'))) return;
  log(`${PKG_DIR} is missing: running \`make pkg\`...`);
  try {
    execFileSync('make', ['pkg'], { cwd: path.resolve(BENCH_DIR, '..'), stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (e) {
    throw new Error(`the rolegate package is not built and \`make pkg\` failed (${e.message}); build it, then run this again`);
  }
  pkgManifest(); // throws a clear error if still missing
}

// The run uses a snapshot of the package, so that a rebuild of ../pkg while
// it runs cannot mix two builds in one table.
const PKG_SOURCE = { dir: null, built: null };
function snapshotPkg() {
  if (!NEEDS_PKG) return;
  PKG_SOURCE.dir = PKG_DIR;
  PKG_SOURCE.built = pkgTime();
  const copy = path.join(BUILD, 'rolegate-pkg');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(BUILD, { recursive: true });
  cpSync(PKG_DIR, copy, { recursive: true });
  usePkgDir(copy);
}

// The rolegate files a browser downloads: the JS glue and the .wasm.
function rolegateFiles() {
  const entry = pkgEntry(['browser', 'import', 'module', 'default']);
  const wasm = findWasm(path.dirname(entry)) ?? findWasm(PKG_DIR);
  if (!wasm) throw new Error(`no .wasm file found in ${PKG_DIR}`);
  return { entry, wasm };
}

// The same for the rolegate/client entry (the lean client engine) and its .wasm.
function clientFiles() {
  const entry = pkgEntry(['browser', 'import', 'module', 'default'], './client');
  const wasm = path.join(path.dirname(entry), 'rolegate_client_bg.wasm');
  if (!existsSync(wasm)) throw new Error(`no rolegate_client_bg.wasm next to ${entry}`);
  return { entry, wasm };
}

function findWasm(dir) {
  const files = execFileSync('find', [dir, '-maxdepth', '2', '-name', '*.wasm'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  return files.sort((a, b) => a.length - b.length)[0];
}

// ---------------------------------------------------------------- browser bundles

// Each library gets its own page bundle (the suite + its adapter + the library).
function browserEntry(lib) {
  const common = `import { runSuite } from './suite.mjs';\n`;
  const tail = `window.__bench = (opts) => runSuite(adapter, opts, (l) => console.log(l));\n`;
  switch (lib) {
    case 'casl':
      return common + `import * as lib from '@casl/ability';\nimport { createAdapter } from './adapters/casl.mjs';\nconst adapter = createAdapter(lib);\n` + tail;
    case 'casbin':
      return common + `import * as lib from 'casbin';\nimport { createAdapter } from './adapters/casbin.mjs';\nconst adapter = createAdapter(lib);\n` + tail;
    case 'cedar':
      return (
        common +
        `import init, * as lib from '@cedar-policy/cedar-wasm/web';\nimport { createAdapter } from './adapters/cedar.mjs';\n` +
        `await init({ module_or_path: '/cedar.wasm' });\nconst adapter = createAdapter(lib);\n` + tail
      );
    case 'rolegate':
      return (
        common +
        `import * as lib from ${JSON.stringify(rolegateFiles().entry)};\nimport { loadSlice } from ${JSON.stringify(clientFiles().entry)};\n` +
        `import { createAdapter } from './adapters/rolegate.mjs';\nawait (lib.init ?? (async () => {}))();\nconst adapter = createAdapter({ Rolegate: lib.Rolegate, loadSlice });\n` + tail
      );
    case 'plainjs':
      return common + `import { createAdapter } from './adapters/plainjs.mjs';\nconst adapter = createAdapter();\n` + tail;
    case 'floor':
      return common + `import { createAdapter } from './adapters/floor.mjs';\nconst adapter = createAdapter();\n` + tail;
    default:
      throw new Error(`unknown library ${lib}`);
  }
}

async function bundle(esbuild, lib) {
  const outfile = path.join(BUILD, `${lib}.js`);
  await esbuild.build({
    stdin: { contents: browserEntry(lib), resolveDir: BENCH_DIR, sourcefile: `entry-${lib}.mjs`, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile,
    logLevel: 'error',
    // casbin's file adapters import("fs") lazily; a browser never reaches it.
    external: ['fs'],
    inject: lib === 'casbin' ? [path.join(BENCH_DIR, 'shims/buffer.mjs')] : [],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return outfile;
}

// ---------------------------------------------------------------- download size

// What a browser app downloads for each library: its import minified and
// bundled by esbuild, plus its .wasm; each file gzipped at level 9.
async function downloadSizes(esbuild) {
  const gz = (buf) => gzipSync(buf, { level: 9 }).length;
  const js = async (contents, inject = []) => {
    const r = await esbuild.build({
      inject,
      stdin: { contents, resolveDir: BENCH_DIR, loader: 'js' },
      bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'error',
      external: ['fs'], // casbin's file adapters only

    });
    return Buffer.from(r.outputFiles[0].contents);
  };
  const out = {};
  const entries = {
    casl: { code: `export { createMongoAbility, subject } from '@casl/ability';` },
    // The hand-written rules only (what an app would ship instead of a library).
    plainjs: { code: `export { loadRules, can } from './adapters/plainjs.mjs';` },
    casbin: { code: `export { newEnforcer, newModelFromString, StringAdapter } from 'casbin';`, inject: [path.join(BENCH_DIR, 'shims/buffer.mjs')] },
    cedar: {
      code: `export { default, isAuthorized, statefulIsAuthorized, preparsePolicySet } from '@cedar-policy/cedar-wasm/web';`,
      wasm: path.join(BENCH_DIR, 'node_modules/@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm'),
    },
  };
  if (LIBS.includes('rolegate')) {
    const f = rolegateFiles();
    entries.rolegate = { code: `export * from ${JSON.stringify(f.entry)};`, wasm: f.wasm };
    const c = clientFiles();
    entries['rolegate/client'] = { code: `export * from ${JSON.stringify(c.entry)};`, wasm: c.wasm };
  }
  for (const [lib, e] of Object.entries(entries)) {
    if (!LIBS.includes(lib.split('/')[0])) continue;
    try {
      const code = await js(e.code, e.inject);
      const wasm = e.wasm ? readFileSync(e.wasm) : null;
      out[lib] = { jsRaw: code.length, jsGz: gz(code), wasmRaw: wasm ? wasm.length : 0, wasmGz: wasm ? gz(wasm) : 0 };
      out[lib].totalGz = out[lib].jsGz + out[lib].wasmGz;
    } catch (err) {
      out[lib] = { error: String(err.message ?? err).split('\n')[0] };
    }
  }
  return out;
}

// ---------------------------------------------------------------- runs

function nodeWorker(lib, variant, loads, verifyAll) {
  return new Promise((resolve, reject) => {
    const args = [path.join(BENCH_DIR, 'node-worker.mjs'), lib, String(variant), loads ? '1' : '0', String(RUNS), String(MIN_MS), verifyAll ? '1' : '0'];
    const child = spawn(process.execPath, ['--max-old-space-size=4096', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`node worker ${lib} #${variant} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (e) {
        reject(new Error(`node worker ${lib}: bad output ${out.slice(0, 200)}`));
      }
    });
  });
}

// Adds the samples of `from` to those of `into`: arrays are concatenated,
// objects pooled key by key.
function pool(into, from) {
  for (const [k, v] of Object.entries(from ?? {})) {
    if (Array.isArray(v)) into[k] = [...(into[k] ?? []), ...v];
    else pool((into[k] ??= {}), v);
  }
}

// Runs every library's variants, each in a fresh process or page, PROCS
// rounds over (round-robin across libraries, so that a burst of background
// load hits them alike), and pools the samples.
async function runAll(runOne) {
  const results = {};
  for (let p = 0; p < PROCS; p++) {
    for (const lib of LIBS) {
      if (results[lib]?.errors) continue;
      const first = await runOne(lib, 0, true, p === 0);
      const merged = (results[lib] ??= { ...first, checks: {}, loads: {}, slices: undefined, clientCold: undefined });
      if (first.errors) {
        merged.errors = first.errors;
        continue;
      }
      pool(merged.checks, first.checks);
      pool(merged.loads, first.loads);
      mergeSlices(merged, first);
      for (let v = 1; v < first.variants.length; v++) {
        const r = await runOne(lib, v, false, false);
        if (r.errors) merged.errors = [...(merged.errors ?? []), ...r.errors];
        pool(merged.checks, r.checks);
        mergeSlices(merged, r);
      }
    }
  }
  for (const [lib, r] of Object.entries(results)) {
    if (r.errors) log(`!! ${lib} disagrees with the reference:\n   ${r.errors.slice(0, 10).join('\n   ')}`);
  }
  return results;
}

// Slice measures (rolegate): the sizes of the first process that measured
// them (Node's first measures every rep when cheap), the times and the
// first-call times pooled over all.
function mergeSlices(merged, r) {
  if (r.clientCold) merged.clientCold = [...(merged.clientCold ?? []), ...r.clientCold];
  if (!r.slices) return;
  if (!merged.slices) {
    merged.slices = structuredClone(r.slices);
    return;
  }
  for (const [model, m] of Object.entries(r.slices)) pool(merged.slices[model].times, m.times);
}

// The Node-only parts (diff, filter): each in PROCS fresh processes, RUNS
// samples in each, pooled; the first process also times the diff edits that
// take minutes (once).
function nodePart(part, first) {
  return new Promise((resolve, reject) => {
    const args = [path.join(BENCH_DIR, 'node-part.mjs'), part, String(RUNS), cli.quick ? '1' : '0', first ? '1' : '0'];
    const child = spawn(process.execPath, ['--max-old-space-size=4096', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`node part ${part} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (e) {
        reject(new Error(`node part ${part}: bad output ${out.slice(0, 200)}`));
      }
    });
  });
}

async function runParts() {
  const results = {};
  for (let p = 0; p < PROCS; p++) {
    for (const part of PARTS) {
      if (results[part]?.errors) continue;
      const r = await nodePart(part, p === 0);
      if (!results[part]) {
        results[part] = r;
        continue;
      }
      if (r.errors) results[part].errors = r.errors;
      // The times of each edit (diff) or asked user (filter), pooled.
      const items = part === 'diff' ? 'edits' : 'cases';
      for (const [k, item] of Object.entries(r[items] ?? {})) pool(results[part][items][k], { times: item.times });
    }
  }
  for (const [part, r] of Object.entries(results)) {
    if (r.errors) log(`!! ${part} disagrees:\n   ${r.errors.slice(0, 10).join('\n   ')}`);
  }
  return results;
}

function serve(files) {
  // Cross-origin isolation (COOP + COEP) gives the page a finer performance.now().
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const f = files[url.pathname];
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!f) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = f.endsWith('.wasm') ? 'application/wasm' : f.endsWith('.html') ? 'text/html' : 'text/javascript';
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(readFileSync(f));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function browserRuns(esbuild) {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM=path)`);
  mkdirSync(BUILD, { recursive: true });
  const files = {};
  for (const lib of LIBS) files[`/${lib}.js`] = await bundle(esbuild, lib);
  const page = path.join(BUILD, 'index.html');
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><title>rolegate bench</title><body>bench</body>\n`);
  files['/'] = page;
  files['/cedar.wasm'] = path.join(BENCH_DIR, 'node_modules/@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm');
  // The package's browser entry fetches its .wasm next to itself
  // (new URL('./<name>.wasm', import.meta.url)): the bundle is served from /.
  if (LIBS.includes('rolegate')) {
    for (const f of [rolegateFiles(), clientFiles()]) files[`/${path.basename(f.wasm)}`] = f.wasm;
  }
  const server = await serve(files);
  const origin = `http://127.0.0.1:${server.address().port}`;
  let version = null;
  const runOne = async (lib, variant, loads, verifyAll) => {
    // A fresh browser and profile per library and variant.
    const profile = mkdtempSync(path.join(tmpdir(), 'rolegate-bench-'));
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--js-flags=--max-old-space-size=4096'],
    });
    try {
      version ??= ctx.browser()?.version() ?? null;
      const p = ctx.pages()[0] ?? (await ctx.newPage());
      p.on('console', (m) => log(`  [chromium] ${m.text()}`));
      p.on('pageerror', (e) => log(`  [chromium] page error: ${e.message}`));
      await p.goto(`${origin}/`);
      await p.addScriptTag({ url: `/${lib}.js`, type: 'module' });
      await p.waitForFunction(() => typeof window.__bench === 'function', null, { timeout: 60_000 });
      const r = await p.evaluate((o) => window.__bench(o), { variant, loads, verifyAll, runs: RUNS, minMs: MIN_MS });
      r.env = 'chromium';
      r.isolated = await p.evaluate(() => self.crossOriginIsolated);
      return r;
    } finally {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
  try {
    const results = await runAll(runOne);
    return { results, version };
  } finally {
    server.close();
  }
}

// ---------------------------------------------------------------- table

const PRIMARY = {
  rolegate: 'user handle .can',
  casl: 'ability.can',
  cedar: 'isAuthorized',
  casbin: 'enforceSync',
  plainjs: 'can(user, perm, pin)',
};
const ALT = {
  rolegate: 'gate.can(user, perm, ctx)',
  cedar: 'statefulIsAuthorized (preparsed policies)',
  plainjs: 'can(users.get(id), perm, pin)',
};
const LOADER = { rolegate: 'Rolegate.load(object)', casl: 'abilities', casbin: 'enforcer', plainjs: 'Map of users' };
const ALT_LOADER = { rolegate: 'Rolegate.fromJson(text)' };
const PREPARED = { rolegate: 'user handle .can, prepared context' };
// rolegate/client: one ClientGate per user from their slice (adapters/rolegate.mjs).
const CLIENT = { rolegate: 'rolegate client (slice)' };
const CLIENT_PREPARED = { rolegate: 'rolegate client (slice), prepared context' };
const COLS = ['rolegate', 'casl', 'cedar', 'casbin', 'plainjs'];
const NAMES = { rolegate: 'rolegate', casl: 'CASL', cedar: 'Cedar (wasm)', casbin: 'casbin', plainjs: 'plain JS' };

const spread = (xs) => (Math.max(...xs) - Math.min(...xs)) / 2 / median(xs);
const rate = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k/s` : `${x.toFixed(0)} /s`);
const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const ratio = (x) =>
  x >= 100 ? `${x.toFixed(0)}x` : x >= 10 ? `${x.toFixed(1)}x` : x >= 0.1 ? `${x.toFixed(2)}x` : `1/${(1 / x).toFixed(0)}x`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const bytes = (b) => (b < 10 * 1024 ? `${b.toLocaleString('en-US')} B` : kb(b));

function samples(results, lib, kind, which) {
  const r = results?.[lib];
  if (!r || r.errors) return null;
  if (kind === 'a' || kind === 'b') return r.checks?.[which]?.[kind] ?? null;
  return r.loads?.[kind]?.[which] ?? null;
}

function checkRow(label, env, results, kind, names) {
  const base = samples(results, 'casl', kind, PRIMARY.casl);
  const cells = COLS.map((lib) => {
    const name = names[lib];
    if (!name) return '';
    const r = results?.[lib];
    if (r?.errors) return 'disagrees';
    const s = samples(results, lib, kind, name);
    if (!s) return 'n/a';
    const m = median(s);
    const rel = base && lib !== 'casl' ? ` (${ratio(m / median(base))})` : '';
    return `${rate(m)} ±${(spread(s) * 100).toFixed(0)}%${rel}`;
  });
  return `| ${label} | ${env} | ${cells.join(' | ')} |`;
}

function loadRow(label, env, results, org, loaders) {
  const base = samples(results, 'casl', org, LOADER.casl);
  const cells = COLS.map((lib) => {
    const name = loaders[lib];
    if (!name) return lib === 'cedar' ? 'n/a (stateless)' : '';
    const s = samples(results, lib, org, name);
    if (!s) return 'n/a';
    const m = median(s);
    const rel = base && lib !== 'casl' ? ` (${ratio(m / median(base))})` : '';
    return `${ms(m)} ±${(spread(s) * 100).toFixed(0)}%${rel}`;
  });
  return `| ${label} | ${env} | ${cells.join(' | ')} |`;
}

function floorRow(label, env, results, which) {
  const s = results?.floor?.checks?.[which];
  if (!s) return null;
  const ns = (xs) => `${(1e9 / median(xs)).toFixed(1)} ns/call`;
  return `| floor: ${label} | ${env} | ${ns(s.a)} (A loop), ${ns(s.b)} (B loop) |${' |'.repeat(COLS.length - 1)}`;
}

function pkgTime() {
  try {
    return statSync(rolegateFiles().wasm).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
  } catch {
    return null;
  }
}

function machine(chromiumVersion) {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {}
  let os = process.platform;
  try {
    os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?(.*?)"?$/m)?.[1] ?? os;
  } catch {}
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  let commit = null;
  try {
    commit = execFileSync('git', ['-C', BENCH_DIR, 'log', '-1', '--format=%h %cI'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  return { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), cpu, nproc, node: process.version, chromium: chromiumVersion, os, loadavg, loadavgBefore: LOADAVG_BEFORE, commit, pkgDir: PKG_SOURCE.dir, pkgBuilt: PKG_SOURCE.built };
}

function budgets(node, browser, sizes) {
  const lines = [];
  const med = (res, lib, kind, which) => {
    const s = samples(res, lib, kind, which);
    return s ? median(s) : null;
  };
  const verdict = (ok) => (ok === null ? 'not measured' : ok ? '**met**' : '**not met**');
  for (const [env, res] of [['Node', node], ['Chromium', browser]]) {
    if (!res) continue;
    const rgA = med(res, 'rolegate', 'a', PRIMARY.rolegate), caA = med(res, 'casl', 'a', PRIMARY.casl);
    const rgB = med(res, 'rolegate', 'b', PRIMARY.rolegate), caB = med(res, 'casl', 'b', PRIMARY.casl);
    const ceA = med(res, 'cedar', 'a', PRIMARY.cedar), ceB = med(res, 'cedar', 'b', PRIMARY.cedar);
    const csA = med(res, 'cedar', 'a', ALT.cedar), csB = med(res, 'cedar', 'b', ALT.cedar);
    const ok = (x, y, k) => (x && y ? x / y >= k : null);
    const fx = (x, y) => (x && y ? ratio(x / y) : '?');
    lines.push(`- ${env}, Rule A via the user handle >= 5x CASL: ${verdict(ok(rgA, caA, 5))} (${fx(rgA, caA)})`);
    const rgP = med(res, 'rolegate', 'b', PREPARED.rolegate);
    lines.push(`- ${env}, Rule B+C >= 10x CASL: with prepared contexts ${verdict(ok(rgP, caB, 10))} (${fx(rgP, caB)}); with plain context objects ${verdict(ok(rgB, caB, 10))} (${fx(rgB, caB)})`);
    const pjB = med(res, 'plainjs', 'b', PRIMARY.plainjs);
    const rt = (x) => (x ? rate(x) : '?');
    lines.push(`- ${env}, Rule B+C with prepared contexts (rolegate) >= 0.5x the plain-JS implementation: ${verdict(ok(rgP, pjB, 0.5))} (${fx(rgP, pjB)}: rolegate ${rt(rgP)}, plain JS ${rt(pjB)}; with plain context objects ${fx(rgB, pjB)})`);
    lines.push(`- ${env}, >= 1000x Cedar isAuthorized on both rules: ${verdict(ok(rgA, ceA, 1000) === null ? null : ok(rgA, ceA, 1000) && ok(rgB, ceB, 1000))} (Rule A ${fx(rgA, ceA)}, Rule B+C ${fx(rgB, ceB)}; against statefulIsAuthorized with preparsed policies: ${fx(rgA, csA)}, ${fx(rgB, csB)})`);
    const rgL = med(res, 'rolegate', 'big', LOADER.rolegate), caL = med(res, 'casl', 'big', LOADER.casl);
    const rgJ = med(res, 'rolegate', 'big', ALT_LOADER.rolegate);
    const under = env === 'Chromium' && rgL ? ` and < 50 ms: ${verdict(rgL < 50)}` : '';
    lines.push(`- ${env}, 20k-user org load faster than CASL: ${verdict(rgL && caL ? rgL < caL : null)} (Rolegate.load ${rgL ? ms(rgL) : '?'}, fromJson ${rgJ ? ms(rgJ) : '?'}, CASL ${caL ? ms(caL) : '?'})${under}`);
    // rolegate/client: one ClientGate per user, from their slice.
    const clA = med(res, 'rolegate', 'a', CLIENT.rolegate), clB = med(res, 'rolegate', 'b', CLIENT.rolegate);
    const clP = med(res, 'rolegate', 'b', CLIENT_PREPARED.rolegate);
    lines.push(`- ${env}, rolegate/client Rule A >= 5x CASL: ${verdict(ok(clA, caA, 5))} (${fx(clA, caA)}: client ${rt(clA)}, CASL ${rt(caA)}; the full engine's user handle ${fx(rgA, caA)})`);
    lines.push(`- ${env}, rolegate/client Rule B+C with plain context objects >= 10x CASL: ${verdict(ok(clB, caB, 10))} (${fx(clB, caB)}: client ${rt(clB)}, CASL ${rt(caB)}; the full engine's user handle ${fx(rgB, caB)})`);
    lines.push(`- ${env}, rolegate/client Rule B+C with prepared contexts >= 0.5x the plain-JS implementation: ${verdict(ok(clP, pjB, 0.5))} (${fx(clP, pjB)}: client ${rt(clP)}, plain JS ${rt(pjB)}; the full engine prepared ${fx(rgP, pjB)})`);
  }
  lines.push(...sliceBudgets(node, browser, verdict));
  const rs = sizes?.rolegate, cs = sizes?.['rolegate/client'];
  const dl = (x) => (x?.totalGz ? `${kb(x.totalGz)}: JS ${kb(x.jsGz)} + wasm ${kb(x.wasmGz)}` : '?');
  lines.push(`- \`rolegate/client\` download <= 40 KB gzipped: ${verdict(cs?.totalGz ? cs.totalGz <= 40 * 1024 : null)} (${dl(cs)})`);
  lines.push(`- \`rolegate\` (full engine) download <= 100 KB gzipped: ${verdict(rs?.totalGz ? rs.totalGz <= 100 * 1024 : null)} (${dl(rs)})`);
  return lines;
}

// The slice measures of one environment's rolegate result, by model.
const slicesOf = (res) => res?.rolegate?.slices ?? null;
const MODEL_NAMES = { scenario: "the scenario's model" };

function sliceBudgets(node, browser, verdict) {
  const lines = [];
  const sized = slicesOf(node) ?? slicesOf(browser);
  if (!sized) return [`- a rep's slice <= 4 KB: not measured`, `- Chromium, loadSlice of a rep's slice < 1 ms: not measured`];
  const rep = (m) => sized[m]?.sizes.rep;
  const sz = (m) => (rep(m) ? `median ${bytes(rep(m).median)}, max ${bytes(rep(m).max)} over ${rep(m).n.toLocaleString('en-US')} reps` : '?');
  const okSize = (m) => verdict(rep(m) ? rep(m).max <= 4096 : null);
  lines.push(`- a rep's slice <= 4 KB (20,401-user org): ${okSize('scenario')} (${sz('scenario')})`);
  const br = slicesOf(browser);
  const load = (m) => (br?.[m] ? median(br[m].times.loadRep) : null);
  const cold = browser?.rolegate?.clientCold;
  const parts = Object.keys(MODEL_NAMES).map((m) => `${MODEL_NAMES[m]} ${verdict(load(m) === null ? null : load(m) < 1)} (${load(m) === null ? '?' : ms(load(m))}, a ${br?.[m] ? bytes(br[m].sizes.loadedRep) : '?'} slice)`);
  lines.push(`- Chromium, loadSlice of a rep's slice < 1 ms (once the client wasm runs): ${parts.join('; ')}${cold?.length ? `; the first call of a fresh page, with the wasm's fetch and start: ${ms(median(cold))}` : ''}`);
  return lines;
}

// The slices section: sizes (Node's first process) and times, per model.
function sliceSection(node, browser) {
  const sized = slicesOf(node) ?? slicesOf(browser);
  if (!sized) return [];
  const models = Object.keys(MODEL_NAMES).filter((m) => sized[m]);
  const L = ['## Slices (`rolegate/client`), 20,401-user org', ''];
  L.push(`| measure | env | ${models.map((m) => MODEL_NAMES[m]).join(' | ')} |`, `| --- | --- | ${models.map(() => '---').join(' | ')} |`);
  const row = (label, env, cell) => L.push(`| ${label} | ${env} | ${models.map((m) => cell(m) ?? 'n/a').join(' | ')} |`);
  const range = (x) => `${bytes(x.median)} (${bytes(x.min)} to ${bytes(x.max)}, ${x.n.toLocaleString('en-US')} users)`;
  const sub = (m, k) => sized[m].sizes[k];
  row("a rep's slice: median (min to max)", 'any', (m) => range(sub(m, 'rep')));
  row(`a manager's slice (subtree ${sub(models[0], 'manager').subtree}), 20 managers`, 'any', (m) => range(sub(m, 'manager')));
  row(`the owner's slice (admin, subtree ${sub(models[0], 'owner').subtree.toLocaleString('en-US')})`, 'any', (m) => bytes(sub(m, 'owner').size));
  if (sub(models[0], 'ownerAsManagerBig')) {
    row('the owner given role manager (subtree 20,400)', 'any', (m) => bytes(sub(m, 'ownerAsManagerBig').size));
    row("the 1,021-user org's owner given role manager (subtree 1,020)", 'any', (m) => bytes(sub(m, 'ownerAsManagerSmall').size));
  }
  const t = (res, m, k) => {
    const x = slicesOf(res)?.[m]?.times[k];
    return x?.length ? `${ms(median(x))}${x.length > 1 ? ` ±${(spread(x) * 100).toFixed(0)}%` : ''}` : null;
  };
  // Single calls: the median and the 90th percentile (a GC pause spreads a few).
  const p90 = (xs) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
  const per = (res, m, k) => {
    const x = slicesOf(res)?.[m]?.times[k];
    return x?.length ? `${ms(median(x))}${x.length > 1 ? ` (p90 ${ms(p90(x))}, ${x.length.toLocaleString('en-US')} calls)` : ''}` : null;
  };
  for (const [env, res] of [['Node', node], ['Chromium', browser]]) {
    if (!slicesOf(res)) continue;
    row('gate.slice(rep), per call', env, (m) => per(res, m, 'sliceRep'));
    row('gate.slice(manager), per call', env, (m) => per(res, m, 'sliceManager'));
    row('gate.slice(owner), per call', env, (m) => per(res, m, 'sliceOwner'));
    row("loadSlice(a rep's slice of median size)", env, (m) => `${t(res, m, 'loadRep')} (${bytes(slicesOf(res)[m].sizes.loadedRep)})`);
    row("loadSlice(a manager's slice)", env, (m) => `${t(res, m, 'loadManager')} (${bytes(slicesOf(res)[m].sizes.loadedManager)})`);
  }
  L.push('');
  const cold = [['Node', node], ['Chromium', browser]].filter(([, r]) => r?.rolegate?.clientCold?.length).map(([env, r]) => `${env} ${ms(median(r.rolegate.clientCold))} (${r.rolegate.clientCold.length} processes or pages)`);
  L.push(
    "Sizes are of `gate.slice(user)`'s bytes; the gate.slice times are of each call alone (the median and the 90th percentile over the calls timed, after 5 untimed: one per user of 200 reps evenly spread and of 20 managers, pooled over processes or pages; the rep sizes are of every rep when cutting them all takes under 20 s, else of the 200); a loadSlice sample is the mean over calls for >= 20 ms (the ClientGates freed after, untimed), after one untimed call, with the client wasm already running. " +
      'The owner given role manager (manager scopes over the whole org) is a variant snapshot for the size only.',
    '',
  );
  if (cold.length) L.push(`First loadSlice of a fresh process or page (the client wasm fetched or read, compiled and started, then a rep's slice of the 1,021-user org read, scenario model): ${cold.join(', ')}.`, '');
  return L;
}

// A time cell: the median ±half the min-max spread; seconds past 10 s.
const timeCell = (xs) => `${xs.length ? (median(xs) >= 10_000 ? `${(median(xs) / 1000).toFixed(1)} s` : ms(median(xs))) : '?'}${xs.length > 1 ? ` ±${(spread(xs) * 100).toFixed(0)}%` : ''}`;
const cellText = (x) => String(x).replace(/\|/g, '\\|');
const grouped = (n) => n.toLocaleString('en-US');

// The change impact section (diff.mjs, Node only): one row per edit.
function diffSection(d) {
  if (!d) return [];
  const L = [`## Change impact (\`Rolegate.diff\`), ${grouped(d.users)}-user org`, ''];
  L.push('| edit | users in the diff | summary (its first lines) | Node, per call |', '| --- | --- | --- | --- |');
  for (const e of Object.values(d.edits)) {
    const more = e.summary > e.lines.length ? `; and ${e.summary - e.lines.length} more` : '';
    const calls = `${e.times.length} call${e.times.length > 1 ? 's' : ''}${e.once ? ', timed once' : ''}`;
    L.push(`| ${cellText(e.label)} | ${grouped(e.users)} | ${cellText(e.lines.join('; ') + more)} | ${timeCell(e.times)} (${calls}) |`);
  }
  L.push('');
  if (d.errors) L.push(`**Disagreements**: ${d.errors.slice(0, 5).join('; ')}`, '');
  const sampled = Object.values(d.edits)[0]?.sampled ?? '?';
  L.push(
    'Each figure is one `Rolegate.diff(before, after)` call with both snapshots already loaded as gates (loading is not timed; see the load rows), each call timed alone: ' +
      `the median ±half the min-max spread over the calls, ${RUNS} per process in ${PROCS} fresh Node processes, each process after one untimed call (the one checked). ` +
      (Object.values(d.edits).some((e) => e.once) ? '"Timed once": the call checked alone, in the first process only. ' : '') +
      'The edits are of the scenario\'s snapshot (`snapshotOf` in adapters/rolegate.mjs); for the team setting, both snapshots carry one more restriction, `private-teams` (`pins.view` denied when the record\'s team sets `pinsPrivate`, unless it is one of the user\'s teams), and the later one sets `pinsPrivate` on teams t10, t20, ... ' +
      'Users in the diff: `diff.users.length`, every user whose decisions change; the team setting names every user, as the restriction now denies each of them on some team\'s pins (`restrictionsStarted`, as `explain` would name it), though only the owner and those teams\' managers lose pins they saw.',
    '',
    'Agreement: before timing, each diff was checked to name exactly the users the edit changes, and for each exactly what changes (permissions lost, owners and teams gained and lost per record-scoped permission, restrictions started), worked out from the org\'s structure and not by the engine; ' +
      `every user's gains and losses without context against \`can\` before and after (every user, every permission); and, for ${sampled} users (6 in the diff, 3 outside it), the owners and teams whose records each record-scoped permission gains or loses, against \`can\` on every owner and every team. ` +
      'Node only; the native `Engine::diff` is `cargo bench --bench decide -- diff_20k` (benches/decide.rs, another edit: a rep moved to another manager and a manager made a rep), which this script does not run.',
    '',
  );
  return L;
}

// The filtered-query section (filter.mjs, Node only): one row per user asked about.
function filterSection(f) {
  if (!f) return [];
  const L = [`## Filtered query vs checking every row (SQLite, Node), ${grouped(f.records)} pins, ${grouped(f.users)}-user org`, ''];
  L.push(
    '| user, `pins.view` | pins allowed | (a) filter + toSql + `SELECT ... WHERE` | (b) `SELECT *` + `can` on each row | (b)/(a) | (a) without ANALYZE | `gate.filter` alone | `toSql` alone | filter: JSON, SQL parameters |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const cases = Object.values(f.cases);
  for (const c of cases) {
    const t = c.times;
    L.push(`| ${c.label} (${c.user}) | ${grouped(c.allowed)} | ${timeCell(t.filtered)} | ${timeCell(t.everyRow)} | ${ratio(median(t.everyRow) / median(t.filtered))} | ${timeCell(t.filteredRaw)} | ${timeCell(t.filter)} | ${timeCell(t.toSql)} | ${kb(c.filterBytes)}, ${c.params} |`);
  }
  L.push('');
  if (f.errors) L.push(`**Disagreements**: ${f.errors.slice(0, 5).join('; ')}`, '');
  const plans = cases.map((c) => `${c.label}: ${c.plan.join(', ')}${c.planRaw.join() === c.plan.join() ? '' : ` (without ANALYZE: ${c.planRaw.join(', ')})`}`);
  const n = cases[0]?.times.filtered.length ?? 0;
  L.push(
    'One list, as a server would serve it: (a) `gate.filter(user, \'pins.view\')`, `toSql(filter, { columns })` (rolegate/filter, SQLite dialect) and `db.prepare(\'SELECT * FROM pins WHERE \' + where).all(...params)`; ' +
      '(b) `db.prepare(\'SELECT * FROM pins\').all()`, then `rows.filter((row) => me.can(\'pins.view\', { record: row }))` with `me = gate.user(user)` (bound and freed per list), the gate loaded with `record: (row) => ({ owner, team, attributes: { restricted: row.restricted === 1 } })` (SQLite stores booleans as 1/0). ' +
      `Cells: the median ±half the min-max spread over ${n} samples (${RUNS} per process in ${PROCS} fresh Node processes), each the mean over lists for >= 20 ms (at least one), after one untimed list; the timed lists re-check their row count; \`gate.filter\` and \`toSql\` alone are timed the same way; (b)/(a) is the ratio of the medians.`,
    '',
    `The table: ${grouped(f.records)} pins generated as the scenario's are (a random owner of the org's users, the owner's team, a quarter restricted; columns id, owner, team, unit (NULL), restricted, title) in better-sqlite3's in-memory database, indexed on owner and on team, with ANALYZE run (the planner's statistics, which \`PRAGMA optimize\` maintains); "without ANALYZE" is the same query on a copy without statistics. ` +
      'Filter size: `JSON.stringify(filter).length` and the number of SQL parameters (a record without a team is decided by its owner\'s team, so the filter lists the owners of the teams the user may see; toSql passes a list of over 100 ids as one JSON parameter, read with `json_each`). ' +
      `Query plans (\`EXPLAIN QUERY PLAN\`, the steps that read pins): ${plans.join('; ')}.`,
    '',
    'Agreement: before timing, for each user, (a) on both tables, (b) and the scenario\'s reference (`makeReference`) selected exactly the same ids. Node only: a browser has no database.',
    '',
  );
  return L;
}

function report(node, browser, sizes, m, parts) {
  const L = [];
  L.push('# rolegate benchmark results', '');
  L.push(`Date: ${m.date}. Machine: ${m.cpu}, ${m.nproc} CPUs (nproc), ${m.os}; Node ${m.node}; Chromium ${m.chromium ?? 'not run'} (headless, playwright-core). Load average (1/5/15 min) before the run ${m.loadavgBefore}, after ${m.loadavg}. Repository at ${m.commit ?? '?'}; rolegate package ${m.pkgDir ? path.relative(path.resolve(BENCH_DIR, '..'), m.pkgDir) || '.' : '?'}/ built ${m.pkgBuilt ?? '?'}.`);
  const ran = [];
  if (LIBS.length) ran.push(`Each library and API variant ran in ${PROCS} fresh Node processes and ${PROCS} fresh headless Chromium profiles, ${RUNS} samples in each (${PROCS * RUNS} per figure; a check sample runs the 10,000-check sequence for >= ${MIN_MS} ms, a load sample repeats the load for >= 40 ms).`);
  if (parts && Object.keys(parts).length) ran.push(`The Node-only parts (${Object.keys(parts).join(', ')}) ran in ${PROCS} fresh Node processes each, ${RUNS} samples in each.`);
  L.push(`Generated by \`node bench/run.mjs${argv.length ? ' ' + argv.join(' ') : ''}\`.${ran.length ? ' ' + ran.join(' ') : ''}`, '');
  if (LIBS.length) L.push(...libraryTables(node, browser, sizes));
  L.push(...diffSection(parts?.diff), ...filterSection(parts?.filter));
  if (LIBS.length) L.push('## Budgets', '', ...budgets(node, browser, sizes), '');
  return L.join('\n');
}

// The table of every library, its notes and the slices section.
function libraryTables(node, browser, sizes) {
  const L = [];
  L.push('Cells: median ±half the min-max spread over the samples, then the ratio to CASL in parentheses (checks/s: higher is better; load: lower is better).', '');
  L.push(`| measure | env | ${COLS.map((c) => NAMES[c]).join(' | ')} |`);
  L.push(`| --- | --- | ${COLS.map(() => '---').join(' | ')} |`);
  for (const [env, res] of [['Node', node], ['Chromium', browser]]) {
    if (!res) continue;
    L.push(checkRow('Rule A checks/s (plain)', env, res, 'a', PRIMARY));
    L.push(checkRow('Rule A, other API', env, res, 'a', ALT));
    L.push(checkRow('Rule B+C checks/s (record scope + deny)', env, res, 'b', PRIMARY));
    L.push(checkRow('Rule B+C, prepared contexts', env, res, 'b', PREPARED));
    L.push(checkRow('Rule B+C, other API', env, res, 'b', ALT));
    L.push(checkRow('Rule A, rolegate/client (slice)', env, res, 'a', CLIENT));
    L.push(checkRow('Rule B+C, rolegate/client (slice)', env, res, 'b', CLIENT));
    L.push(checkRow('Rule B+C, rolegate/client (slice), prepared contexts', env, res, 'b', CLIENT_PREPARED));
    L.push(loadRow('load 1,021-user org', env, res, 'small', LOADER));
    L.push(loadRow('load 20,401-user org', env, res, 'big', LOADER));
    L.push(loadRow('load 20,401-user org, other API', env, res, 'big', ALT_LOADER));
    for (const r of [floorRow('empty JS->wasm call', env, res, 'empty wasm call'), floorRow('harness, JS closure', env, res, 'JS closure, no decision')]) if (r) L.push(r);
  }
  const sz = (lib) => {
    const s = sizes?.[lib];
    if (!s) return 'n/a';
    if (s.error) return `error: ${s.error}`;
    const rel = lib !== 'casl' && sizes.casl?.totalGz ? ` (${ratio(s.totalGz / sizes.casl.totalGz)})` : '';
    return `${kb(s.totalGz)}${s.wasmGz ? ` (JS ${kb(s.jsGz)} + wasm ${kb(s.wasmGz)})` : ''}${rel}`;
  };
  L.push(`| download, gzipped (JS + wasm) | browser | ${COLS.map(sz).join(' | ')} |`);
  L.push(`| download, gzipped (JS + wasm), \`rolegate/client\` | browser | ${COLS.map((c) => (c === 'rolegate' ? sz('rolegate/client') : '')).join(' | ')} |`);
  L.push('');
  L.push('APIs: rolegate `gate.user(id).can(perm, ctx)` (prepared contexts: the same with `ctx = gate.prepare(context)` made once per pin, untimed, as a list view would for its rows; other API: `gate.can(user, perm, ctx)`; load: `Rolegate.load(object)`, other: `Rolegate.fromJson(text)`); ' +
    'CASL `createMongoAbility(rules).can(action, subject)`, one ability per user with conditions as precomputed id lists; ' +
    'Cedar `isAuthorized` (stateless: policy text and an entity slice with every call; other API: `statefulIsAuthorized` with `preparsePolicySet`); ' +
    'casbin `enforceSync` with an RBAC + ABAC model (g, g2 reporting tree, g3 peer groups, a deny policy); ' +
    'rolegate/client: `me = await loadSlice(gate.slice(id))` for every user of the org (one ClientGate per user, untimed, as CASL has one ability per user), then `me.can(perm, ctx)` with the same plain context objects, or with `me.prepare(ctx)` made once per (user, pin) pair of the sequence, untimed (a prepared context belongs to the ClientGate that made it); ' +
    'plain JS: the rules hand-written (`adapters/plainjs.mjs`), `can(user, perm, pin)` with the signed-in user\'s record bound once and the pin object as is (other API: `can(users.get(id), perm, pin)`), over a Map of users with each role\'s permissions and each manager\'s subordinates as Sets built at load; its download is just that code.', '');
  const notes = [];
  for (const [lib, n] of Object.entries({ ...Object.fromEntries(Object.entries(node ?? {}).map(([k, v]) => [k, v.loadNote])) })) if (n) notes.push(`${NAMES[lib] ?? lib}: ${n}`);
  if (notes.length) L.push(`Load measures: ${notes.join('; ')}.`, '');
  L.push('Download: each library\'s import bundled and minified by esbuild for the browser, plus its .wasm, each gzipped at level 9 (`rolegate`: the full engine\'s entry; `rolegate/client`: the client entry, `export * from \'rolegate/client\'`, and its own .wasm).', '');
  const ver = Object.values(node ?? browser ?? {}).find((r) => r.verified)?.verified;
  if (ver) {
    L.push(`Agreement: before timing, every library and API variant was checked against the reference (\`makeReference\` in scenario.mjs, independent of the plain JS column's code) on 50 hand-picked cases and the 10,000-check Rule A and Rule B+C sequences (in each environment); the timed loops also re-check the count of allowed answers. Allowed: ${ver.allowedA} of 10,000 Rule A checks, ${ver.allowedB} of 10,000 Rule B+C checks.`, '');
  }
  const bad = Object.entries({ ...(node ?? {}), ...(browser ?? {}) }).filter(([, r]) => r.errors);
  if (bad.length) L.push(`**Disagreements**: ${bad.map(([l, r]) => `${l}: ${r.errors[0]}`).join('; ')}`, '');
  L.push(...sliceSection(node, browser));
  return L;
}

// ---------------------------------------------------------------- main

async function main() {
  ensureDeps();
  ensurePkg();
  snapshotPkg();
  const esbuild = await import('esbuild');
  let sizes = {};
  if (LIBS.length) {
    log('download sizes...');
    sizes = await downloadSizes(esbuild);
  }
  let node = null, browser = null, version = null, parts = null;
  if (cli.node && LIBS.length) {
    log('Node runs...');
    node = await runAll((lib, v, loads, all) => nodeWorker(lib, v, loads, all));
  }
  if (cli.node && PARTS.length) {
    log(`Node-only parts (${PARTS.join(', ')})...`);
    parts = await runParts();
  } else if (PARTS.length) log(`--no-node: skipping the Node-only parts (${PARTS.join(', ')})`);
  if (cli.browser && LIBS.length) {
    log('Chromium runs...');
    ({ results: browser, version } = await browserRuns(esbuild));
  }
  const m = machine(version);
  const md = report(node, browser, sizes, m, parts);
  writeFileSync(OUT, md + '\n');
  writeFileSync(OUT.replace(/\.md$/, '.json'), JSON.stringify({ machine: m, sizes, node, chromium: browser, parts }, null, 1) + '\n');
  console.log(md);
  const failed = Object.values({ ...(node ?? {}), ...(browser ?? {}), ...(parts ?? {}) }).some((r) => r.errors);
  if (failed) {
    log('some library or part disagrees with the reference (see above)');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
