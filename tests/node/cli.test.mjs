// The package's command line, `rolegate` (its bin, from the installed
// tarball): `rolegate types` on every sample org, invalid snapshots, help;
// check, explain, diff, slice, matrix and test (every sample org's cases file
// in tests/cases/ passes), for people and with --json.
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
const ORGS = readdirSync(join(ROOT, 'www/orgs')).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).sort();
const CASES = join(ROOT, 'tests/cases');
const GENERATED = join(ROOT, 'tests/types/generated');

/** Runs the bin as npm installed it (`node <package>/cli.js` where there is no .bin link). */
function rolegate(args, cwd = ROOT, input = undefined) {
  const [cmd, pre] = existsSync(BIN)
    ? [BIN, []]
    : [process.execPath, [join(createRequire(import.meta.url).resolve('rolegate/package.json'), '../cli.js')]];
  const r = spawnSync(cmd, [...pre, ...args], { cwd, encoding: input === 'buffer' ? 'buffer' : 'utf8' });
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

/** A broken snapshot in `dir`: a misspelt permission and role (two problems). */
function broken(dir) {
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({
    model: { permissions: [{ id: 'calls.view' }], roles: [{ id: 'member', grants: [{ permission: 'calls.veiw' }] }] },
    org: { users: [{ id: 'ann', roles: [{ role: 'membr' }] }] },
  }));
  return file;
}

test('rolegate check: a valid snapshot, its counts and warnings', (t) => {
  for (const org of ORGS) {
    const r = rolegate(['check', `www/orgs/${org}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^www/orgs/${org.replace('.', '\\.')}: valid: \\d+ users, \\d+ roles?, \\d+ permissions\\n$`));
  }
  assert.equal(rolegate(['check', 'www/orgs/jiminny.json']).stdout, 'www/orgs/jiminny.json: valid: 10 users, 6 roles, 14 permissions\n');
  const json = rolegate(['check', 'www/orgs/jiminny.json', '--json']);
  assert.equal(json.code, 0);
  assert.deepEqual(JSON.parse(json.stdout), { file: 'www/orgs/jiminny.json', valid: true, problems: [], warnings: [], counts: { users: 10, roles: 6, permissions: 14 } });

  // Nine Recorders for eight seats: a warning, shown, and the check passes.
  const dir = tempDir(t);
  const snapshot = JSON.parse(readFileSync(join(ROOT, 'www/orgs/jiminny.json'), 'utf8'));
  for (const u of snapshot.org.users) if (u.id === 'hannah' || u.id === 'leo') u.roles.push({ role: 'recorder' });
  const file = join(dir, 'seats.json');
  writeFileSync(file, JSON.stringify(snapshot));
  const warned = rolegate(['check', file]);
  assert.equal(warned.code, 0, warned.stdout);
  assert.match(warned.stdout, /\n1 warning:\n {2}org\.seats\.recorder: .*9.*8/);
  assert.equal(JSON.parse(rolegate(['check', file, '--json']).stdout).warnings[0].path, 'org.seats.recorder');
});

test('rolegate check: every problem with its path, exit 1', (t) => {
  const file = broken(tempDir(t));
  const r = rolegate(['check', file]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, `${file}: invalid snapshot, 2 problems:\n  model.roles[0].grants[0].permission: unknown permission \`calls.veiw\`, did you mean \`calls.view\`?\n  org.users[0].roles[0].role: unknown role \`membr\`, did you mean \`member\`?\n`);
  const json = rolegate(['check', file, '--json']);
  assert.equal(json.code, 1);
  const v = JSON.parse(json.stdout);
  assert.equal(v.valid, false);
  assert.deepEqual(v.problems.map((p) => p.path), ['model.roles[0].grants[0].permission', 'org.users[0].roles[0].role']);
  const missing = rolegate(['check', join(tempDir(t), 'nowhere.json')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /ENOENT/);
});

test('rolegate explain: the decision and why, with a context, a locale, --json', (t) => {
  const r = rolegate(['explain', 'www/orgs/jiminny.json', 'marcus', 'calls.record']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'denied: needs the Recorder role (paid seat)\n  code: needs_seat\n  role: recorder\n  seat: recorder\n');
  const owner = rolegate(['explain', 'www/orgs/jiminny.json', 'tom', 'calls.listen', '--owner', 'daniel']);
  assert.match(owner.stdout, /^allowed: allowed by the Manager role/);
  const record = JSON.parse(rolegate(['explain', 'www/orgs/jiminny.json', 'tom', 'calls.listen', '--record', '{"owner":"ethan"}', '--json']).stdout);
  assert.deepEqual([record.allowed, record.code, record.role], [false, 'out_of_scope', 'manager']);
  assert.equal(JSON.parse(rolegate(['explain', 'www/orgs/jiminny.json', 'grace', 'reports.view', '--team', 'sales', '--json']).stdout).code, 'out_of_scope');
  const unit = JSON.parse(rolegate(['explain', 'www/orgs/jrni.json', 'isla', 'services.edit', '--unit', 'manchester', '--json']).stdout);
  assert.deepEqual([unit.allowed, unit.role, unit.unit], [true, 'administrator', 'manchester']);
  const staff = rolegate(['explain', 'www/orgs/jrni.json', 'jack', 'calendar.view', '--record', '{"unit":"london","attributes":{"staff":"st_oscar","staffGroup":"physio"}}']);
  assert.match(staff.stdout, /^denied: restricted/);
  assert.match(staff.stdout, /^ {2}restriction: person_limit$/m);
  // --owner sets the owner of --record's record.
  const both = JSON.parse(rolegate(['explain', 'www/orgs/modjo.json', 'julien', 'calls.view', '--record', '{"team":"sales_fr"}', '--owner', 'hugo', '--json']).stdout);
  assert.equal(both.code, 'restricted');
  // Modjo speaks French; --locale en asks for English.
  const fr = JSON.parse(rolegate(['explain', 'www/orgs/modjo.json', 'hugo', 'templates.manage', '--json']).stdout);
  const en = JSON.parse(rolegate(['explain', 'www/orgs/modjo.json', 'hugo', 'templates.manage', '--locale', 'en', '--json']).stdout);
  assert.equal(fr.code, en.code);
  assert.match(en.message, /^needs the /);
  assert.notEqual(fr.message, en.message);
  // An unknown user is a denial, not an error.
  assert.equal(JSON.parse(rolegate(['explain', 'www/orgs/jiminny.json', 'nobody', 'calls.record', '--json']).stdout).code, 'unknown_user');
  // An invalid snapshot: its problems, exit 1.
  const bad = rolegate(['explain', broken(tempDir(t)), 'ann', 'calls.view']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid snapshot, 2 problems/);
  for (const args of [['--record', '{not json'], ['--record', '[1]'], ['--locale', 'de'], ['--unit']]) {
    const wrong = rolegate(['explain', 'www/orgs/jiminny.json', 'marcus', 'calls.record', ...args]);
    assert.equal(wrong.code, 2, args.join(' '));
    assert.match(wrong.stderr, /Usage: rolegate explain/);
  }
});

test('rolegate slice: -o FILE, or stdout when it is not a terminal; its size', (t) => {
  const dir = tempDir(t);
  const out = join(dir, 'tom.slice');
  const r = rolegate(['slice', 'www/orgs/jiminny.json', 'tom', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RGSL');
  assert.match(r.stdout, new RegExp(`^slice of tom: ${bytes.length.toLocaleString('en-US')} bytes written to .*tom\\.slice \\(fingerprint [0-9a-f]{16}\\)\\n$`));
  const json = JSON.parse(rolegate(['slice', 'www/orgs/jiminny.json', 'tom', '-o', out, '--json']).stdout);
  assert.deepEqual(Object.keys(json), ['user', 'bytes', 'fingerprint', 'file']);
  assert.equal(json.bytes, bytes.length);
  // A pipe: the slice on stdout, its size on stderr.
  const piped = rolegate(['slice', 'www/orgs/jiminny.json', 'tom'], ROOT, 'buffer');
  assert.equal(piped.code, 0);
  assert.deepEqual(Buffer.compare(piped.stdout, bytes), 0);
  assert.match(piped.stderr.toString(), /^slice of tom: [\d,]+ bytes \(fingerprint/);
  const unknown = rolegate(['slice', 'www/orgs/jiminny.json', 'nobody', '-o', join(dir, 'x.slice')]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /nobody/);
  assert.equal(existsSync(join(dir, 'x.slice')), false);
  assert.equal(rolegate(['slice', 'www/orgs/jiminny.json', 'tom', '--json']).code, 2);
});

test('rolegate matrix: roles as columns, permissions as rows; --json is gate.matrix()', () => {
  const r = rolegate(['matrix', 'www/orgs/jiminny.json']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^permission +account_owner +admin +manager +recorder +insights +voice$/);
  assert.match(lines[1], /^-+ +-+/);
  assert.match(r.stdout, /^calls\.record +- +- +- +yes \[recorder\] +- +-$/m);
  assert.match(r.stdout, /^calls\.listen +yes +yes +own,managedTeams +own +yes +-$/m);
  assert.match(r.stdout, /^calls\.crm_log +- +- +- +if \[1\] \[recorder\]/m);
  assert.match(r.stdout, /^\[1\] you have CRM access, or the organisation lets users push calls/m);
  assert.match(r.stdout, /^settings\.crm +yes +- /m);
  const m = JSON.parse(rolegate(['matrix', 'www/orgs/jiminny.json', '--json']).stdout);
  assert.deepEqual(m.roles.map((x) => x.id), ['account_owner', 'admin', 'manager', 'recorder', 'insights', 'voice']);
  assert.equal(m.cells.length, m.permissions.length);
  for (const org of ORGS) assert.equal(rolegate(['matrix', `www/orgs/${org}`]).code, 0, org);
});

test('rolegate diff: the summary and each user\'s changes; --json the whole diff', () => {
  const same = rolegate(['diff', 'www/orgs/jiminny.json', 'www/orgs/jiminny.json']);
  assert.equal(same.code, 0, same.stderr);
  assert.equal(same.stdout, 'no changes\n');
  // Tom loses his Recorder role.
  const snapshot = JSON.parse(readFileSync(join(ROOT, 'www/orgs/jiminny.json'), 'utf8'));
  const tom = snapshot.org.users.find((u) => u.id === 'tom');
  tom.roles = tom.roles.filter((r) => r.role !== 'recorder');
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-diff-'));
  const after = join(dir, 'after.json');
  writeFileSync(after, JSON.stringify(snapshot));
  const r = rolegate(['diff', 'www/orgs/jiminny.json', after]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Tom \S+ loses /m);
  assert.match(r.stdout, /^tom \(changed\)\n  loses: calls\.record/m);
  const json = JSON.parse(rolegate(['diff', 'www/orgs/jiminny.json', after, '--json']).stdout);
  assert.deepEqual(json.users.map((u) => u.user), ['tom']);
  assert.ok(json.users[0].lost.includes('calls.record'));
  assert.ok(json.users[0].seatsLost.length > 0);
  assert.equal(rolegate(['diff', 'www/orgs/jiminny.json']).code, 2);
});

test('rolegate test: every sample org\'s cases file passes', () => {
  for (const org of ORGS) {
    const name = org.replace(/\.json$/, '');
    const cases = `tests/cases/${name}.cases.json`;
    const suite = JSON.parse(readFileSync(join(ROOT, cases), 'utf8'));
    assert.ok(suite.cases.length >= 10, `${cases}: at least 10 cases`);
    assert.ok(suite.variants.some((v) => v.problems.length > 0), `${cases}: a variant with expected load problems`);
    const r = rolegate(['test', `www/orgs/${org}`, cases]);
    assert.equal(r.code, 0, r.stdout);
    assert.doesNotMatch(r.stdout, /^FAIL/m);
    assert.match(r.stdout, /\nok: \d+ passed, 0 failed \(\d+ cases, \d+ variants?; /);
    const json = JSON.parse(rolegate(['test', `www/orgs/${org}`, cases, '--json']).stdout);
    assert.equal(json.failed, 0);
    const inVariants = suite.variants.reduce((n, v) => n + 1 + (v.cases?.length ?? 0), 0);
    assert.equal(json.passed, suite.cases.length + inVariants, cases);
  }
  const ok = rolegate(['test', 'www/orgs/jiminny.json', 'tests/cases/jiminny.cases.json']).stdout;
  assert.match(ok, /^ok {3}J5: an Admin without the Recorder role cannot record \(paid seat\) \(denied: needs the Recorder role \(paid seat\)\)$/m);
  assert.match(ok, /^ok {3}variant J2: nobody holds Account Owner: 1 expected problem$/m);
});

test('rolegate test: a wrong expectation or an unexpected problem FAILs, exit 1', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'wrong.cases.json');
  writeFileSync(file, JSON.stringify({
    cases: [
      { user: 'tom', permission: 'calls.listen', context: { record: { owner: 'daniel' } }, expect: true },
      { name: 'an Admin records', user: 'marcus', permission: 'calls.record', expect: true },
      { name: 'the right decision, the wrong code', user: 'sophie', permission: 'voice.dial', expect: false, code: 'needs_seat' },
    ],
    variants: [
      { name: 'no owner, wrong path', patch: [{ op: 'remove', path: '/org/users/0/roles/0' }], problems: [{ path: 'model.roles[1].holders' }] },
      { name: 'a patch that names nothing', patch: [{ op: 'replace', path: '/org/nothing/here', value: 1 }], problems: [] },
      { name: 'loads', patch: [{ op: 'replace', path: '/org/settings/crmPushFromApp', value: true }], problems: [],
        cases: [{ user: 'daniel', permission: 'calls.crm_log', expect: false }] },
    ],
  }));
  const r = rolegate(['test', 'www/orgs/jiminny.json', file]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^ok {3}tom may calls\.listen \{"record":\{"owner":"daniel"\}\} \(allowed: /m);
  assert.match(r.stdout, /^FAIL an Admin records\n {5}expected allowed, got denied \(needs_seat\): needs the Recorder role \(paid seat\)$/m);
  assert.match(r.stdout, /^FAIL the right decision, the wrong code\n {5}expected code needs_seat, got no_grant: /m);
  assert.match(r.stdout, /^FAIL variant no owner, wrong path: 1 expected problem\n {5}expected the problem model\.roles\[1\]\.holders, not reported\n {5}unexpected problem model\.roles\[0\]\.holders: /m);
  assert.match(r.stdout, /^FAIL variant a patch that names nothing\n {5}variants\[1\]\.patch: \[0\]\.path: `\/org\/nothing\/here` names nothing/m);
  assert.match(r.stdout, /^ok {3}variant loads: loads$/m);
  assert.match(r.stdout, /^FAIL loads: daniel may not calls\.crm_log\n {5}expected denied, got allowed/m);
  assert.match(r.stdout, /\nFAIL: 2 passed, 5 failed \(3 cases, 3 variants; www\/orgs\/jiminny\.json\)\n$/);
  const json = JSON.parse(rolegate(['test', 'www/orgs/jiminny.json', file, '--json']).stdout);
  assert.deepEqual([json.passed, json.failed], [2, 5]);
  assert.deepEqual(json.results.map((x) => x.ok), [true, false, false, false, false, true, false]);
  assert.equal(json.results[1].explanation.code, 'needs_seat');
  assert.equal(json.results[3].problems[0].path, 'model.roles[0].holders');

  // Not a cases file: what is wrong, exit 1.
  writeFileSync(file, JSON.stringify({ cases: [{ user: 'tom', permission: 'x', expect: 'yes' }], extra: 1 }));
  const bad = rolegate(['test', 'www/orgs/jiminny.json', file]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /not a cases file: .*\$\.extra: unknown field.*\$\.cases\[0\]\.expect: expected true or false/);
  assert.equal(rolegate(['test', 'www/orgs/jiminny.json']).code, 2);
});

test('help lists every command', () => {
  const r = rolegate(['help']);
  for (const name of ['check', 'explain', 'diff', 'slice', 'matrix', 'test', 'types']) assert.match(r.stdout, new RegExp(`^ {2}rolegate ${name} `, 'm'), name);
  for (const name of ['check', 'explain', 'diff', 'slice', 'matrix', 'test']) {
    const h = rolegate([name, '--help']);
    assert.equal(h.code, 0, name);
    assert.match(h.stdout, new RegExp(`^Usage: rolegate ${name} `), name);
  }
});
