// The package's command line, `rolegate` (its bin, from the installed
// tarball): `rolegate types` on every sample org, invalid snapshots, help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('node_modules/.bin/rolegate', import.meta.url));
const ORGS = readdirSync(join(ROOT, 'www/orgs')).filter((f) => f.endsWith('.json')).sort();
const GENERATED = join(ROOT, 'tests/types/generated');

/** Runs the bin as npm installed it (`node <package>/cli.js` where there is no .bin link). */
function rolegate(args, cwd = ROOT) {
  const [cmd, pre] = existsSync(BIN)
    ? [BIN, []]
    : [process.execPath, [join(createRequire(import.meta.url).resolve('rolegate/package.json'), '../cli.js')]];
  const r = spawnSync(cmd, [...pre, ...args], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The ids of `export type Name = | 'a' | 'b';` in generated TypeScript, as strings. */
function members(ts, name) {
  const m = new RegExp(`^export type ${name} =((?:\\n  \\| '(?:[^'\\\\\\n]|\\\\.)*';?(?: //.*)?)*)`, 'm').exec(ts);
  assert.ok(m, `no type ${name} in\n${ts}`);
  // A TypeScript string literal is a JavaScript one.
  return [...m[1].matchAll(/\| ('(?:[^'\\\n]|\\.)*')/g)].map(([, literal]) => Function(`return ${literal}`)());
}

/** TypeScript's syntax errors of `ts` (typescript from the repository's dev tools), or undefined without it. */
function syntaxErrors(ts) {
  let typescript;
  try {
    typescript = createRequire(import.meta.url)('typescript');
  } catch {
    return undefined;
  }
  const out = typescript.transpileModule(ts, { reportDiagnostics: true, compilerOptions: { module: typescript.ModuleKind.ESNext } });
  return (out.diagnostics ?? []).map((d) => typescript.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('rolegate types: every permission and role of each sample org, in model order', (t) => {
  assert.ok(ORGS.length >= 4);
  for (const org of ORGS) {
    const snapshot = JSON.parse(readFileSync(join(ROOT, 'www/orgs', org), 'utf8'));
    const r = rolegate(['types', `www/orgs/${org}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const ts = r.stdout;
    const errors = syntaxErrors(ts);
    if (errors === undefined) t.diagnostic('typescript not found: syntax not checked');
    else assert.deepEqual(errors, [], `${org}:\n${ts}`);
    assert.deepEqual(members(ts, 'Permission'), snapshot.model.permissions.map((p) => p.id), org);
    assert.deepEqual(members(ts, 'Role'), snapshot.model.roles.map((r) => r.id), org);
    assert.doesNotMatch(ts, /export type User\b/, org);
    assert.match(ts, /^export interface RolegateIds \{\n {2}permission: Permission;\n {2}role: Role;\n {2}user: string;\n\}\n$/m, org);
  }
});

test('rolegate types --users: the org\'s user ids too', () => {
  for (const org of ORGS) {
    const snapshot = JSON.parse(readFileSync(join(ROOT, 'www/orgs', org), 'utf8'));
    const r = rolegate(['types', '--users', `www/orgs/${org}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(members(r.stdout, 'User'), snapshot.org.users.map((u) => u.id), org);
    assert.match(r.stdout, /^ {2}user: User;$/m, org);
  }
});

test('rolegate types reproduces the committed tests/types/generated/', () => {
  for (const org of ORGS) {
    const name = org.replace(/\.json$/, '');
    assert.equal(rolegate(['types', `www/orgs/${org}`]).stdout, readFileSync(join(GENERATED, `${name}.ts`), 'utf8'), `${name}.ts: regenerate it`);
  }
  const users = rolegate(['types', 'www/orgs/jiminny.json', '--users']).stdout;
  assert.equal(users, readFileSync(join(GENERATED, 'jiminny-users.ts'), 'utf8'), 'jiminny-users.ts: regenerate it');
});

test('rolegate types -o FILE writes what it prints', (t) => {
  const dir = tempDir(t);
  const out = join(dir, 'src', 'ids.ts');
  const r = rolegate(['types', 'www/orgs/modjo.json', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(out, 'utf8'), rolegate(['types', 'www/orgs/modjo.json']).stdout);
  const long = join(dir, 'long.ts');
  assert.equal(rolegate(['types', `--out=${long}`, '--users', 'www/orgs/modjo.json']).code, 0);
  assert.match(readFileSync(long, 'utf8'), /^export type User =/m);
});

test('ids that need escaping are quoted as TypeScript string literals', (t) => {
  const dir = tempDir(t);
  const ids = ["it's", 'back\\slash', 'line\u2028separator', 'tab\there', 'plain.id'];
  const snapshot = {
    model: {
      permissions: ids.map((id) => ({ id, label: `label of ${id}\nsecond line` })),
      roles: [{ id: "o'role", grants: [{ permission: '*' }] }],
    },
    org: { users: [{ id: "u'1", name: 'Ann\nLee', roles: [{ role: "o'role" }] }, { id: 'u2' }] },
  };
  const file = join(dir, 'odd.json');
  writeFileSync(file, JSON.stringify(snapshot));
  const r = rolegate(['types', '--users', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(syntaxErrors(r.stdout) ?? [], []);
  assert.deepEqual(members(r.stdout, 'Permission'), ids);
  assert.deepEqual(members(r.stdout, 'Role'), ["o'role"]);
  assert.deepEqual(members(r.stdout, 'User'), ["u'1", 'u2']);
  assert.match(r.stdout, /\/\/ Ann Lee$/m);
});

test('a model without roles: `never`', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'empty.json');
  writeFileSync(file, JSON.stringify({ model: { permissions: [{ id: 'a' }], roles: [] }, org: { users: [] } }));
  const r = rolegate(['types', '--users', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^export type Role = never;$/m);
  assert.match(r.stdout, /^export type User = never;$/m);
  assert.deepEqual(syntaxErrors(r.stdout) ?? [], []);
});

test('an invalid snapshot: every problem with its JSON path, exit 1, nothing written', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({
    model: { permissions: [{ id: 'calls.view' }], roles: [{ id: 'member', grants: [{ permission: 'calls.veiw' }] }] },
    org: { users: [{ id: 'ann', roles: [{ role: 'membr' }] }] },
  }));
  const out = join(dir, 'ids.ts');
  const r = rolegate(['types', file, '-o', out]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /invalid snapshot, 2 problems/);
  assert.match(r.stderr, /^ {2}model\.roles\[0\]\.grants\[0\]\.permission: unknown permission `calls\.veiw`/m);
  assert.match(r.stderr, /^ {2}org\.users\[0\]\.roles\[0\]\.role: unknown role `membr`/m);
  assert.equal(existsSync(out), false);

  writeFileSync(file, '{"model": ');
  const notJson = rolegate(['types', file]);
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /^ {2}\$: not valid JSON/m);

  const missing = rolegate(['types', join(dir, 'nowhere.json')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /ENOENT/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');
});

test('help: `--help`, `help`, `help types`, `types --help`', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const r = rolegate(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Usage:/);
    assert.match(r.stdout, /rolegate types SNAPSHOT \[-o FILE\] \[--users\]/);
  }
  for (const args of [['help', 'types'], ['types', '--help'], ['types', 'www/orgs/modjo.json', '-h']]) {
    const r = rolegate(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^Usage: rolegate types SNAPSHOT/);
    assert.match(r.stdout, /--users/);
  }
});

test('a wrong command line: usage on stderr, exit 2', () => {
  for (const args of [[], ['frobnicate'], ['help', 'frobnicate'], ['types'], ['types', 'a.json', 'b.json'], ['types', 'www/orgs/modjo.json', '--bogus'], ['types', '-o']]) {
    const r = rolegate(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /Usage/, args.join(' '));
  }
  assert.match(rolegate(['frobnicate']).stderr, /unknown command `frobnicate`/);
});
