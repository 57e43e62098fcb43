#!/usr/bin/env node
// `rolegate`, the package's command line (`npx rolegate help`). Each command
// is a function of its arguments in COMMANDS, returning the exit code (or a
// promise of it); the engine is this package's own Node entry.
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Rolegate, SnapshotError, SliceError } from './node.js';

/** A wrong command line: its message and the usage go to stderr, exit 2. */
class UsageError extends Error {}
/** `--help` (or `-h`) among a command's options. */
class HelpRequest extends Error {}

/**
 * Exit codes: 0 done (a decision, allowed or denied, is done too), 1 the
 * snapshot (or a case) failed: invalid, a test failing, a file that cannot be
 * read or written, 2 a wrong command line.
 * @type {Record<string, { args: string, summary: string, help: string, run: (args: string[]) => number | Promise<number> }>}
 */
const COMMANDS = {
  check: {
    args: 'SNAPSHOT [--json]',
    summary: 'validate a snapshot: every problem with its JSON path, and its warnings',
    help: `Loads SNAPSHOT and prints every problem with its JSON path (exit 1 when
there is any), then its warnings (more seats used than purchased, advised
holder counts; they do not fail the check). A valid snapshot prints one
line with its counts and exits 0.

  --json   print {"file", "valid", "problems": [{path, message}], "warnings": [...],
           "counts"?: {users, roles, permissions}} instead`,
    run: check,
  },
  explain: {
    args: 'SNAPSHOT USER PERMISSION [--unit U] [--team T] [--owner U] [--record JSON] [--locale en|fr] [--json]',
    summary: 'may USER do PERMISSION (there, on that record)? and why',
    help: `Prints the decision and its reason, as gate.explain(user, permission, context)
does: the first line "allowed: ..." or "denied: ...", then the code and the
ids behind it (role, unit, team, toggle, restriction, seat, feature).
Exits 0 whatever the decision (use --json and its "allowed" in scripts).

  --unit U        the context's unit
  --team T        the context's team
  --record JSON   the record, {"owner"?, "team"?, "unit"?, "attributes"?}
  --owner U       shortcut for the record's owner (with --record: sets its owner)
  --locale en|fr  the language of the message (default: the model's)
  --json          print the explanation object`,
    run: explain,
  },
  diff: {
    args: 'BEFORE AFTER [--json]',
    summary: 'what changes between two snapshots (Rolegate.diff)',
    help: `Prints what Rolegate.diff(before, after) reports between two snapshots.
The summary (one line per change), then each user's gains and losses; --json: the whole diff.

  --json   print its result as JSON`,
    run: diff,
  },
  slice: {
    args: 'SNAPSHOT USER [-o FILE] [--json]',
    summary: 'cut USER\'s slice for rolegate/client (gate.slice)',
    help: `Writes USER's slice (the binary image rolegate/client's loadSlice reads) to
FILE, or to stdout when stdout is not a terminal, and prints its size (on
stderr when the slice goes to stdout). An unknown user exits 1.

  -o, --out FILE   write to FILE
  --json           print {"user", "bytes", "fingerprint", "file"} (needs -o)`,
    run: slice,
  },
  matrix: {
    args: 'SNAPSHOT [--json]',
    summary: 'the role x permission matrix as a table',
    help: `Prints the model's role x permission matrix (gate.matrix()): a row per
permission, a column per role, each cell the access the role gives:
  yes           on every record, unconditionally
  own,team      on the records of those scope levels only
  if [n]        under condition n (listed below the table)
  -             not granted
and [seat] when the permission needs that seat too.

  --json   print gate.matrix() as JSON`,
    run: matrix,
  },
  test: {
    args: 'SNAPSHOT CASES [--json]',
    summary: 'run a file of expected decisions (and of variants\' expected problems)',
    help: `Runs the cases of the CASES file on SNAPSHOT and prints, like a test
runner, "ok" or "FAIL" for each with the explanation, then a summary line;
exits 1 when any fails. CASES is JSON:

  {
    "cases": [
      { "name"?: "...", "user": "tom", "permission": "calls.listen",
        "context"?: { "unit"?, "team"?, "record"?: { "owner"?, "team"?, "unit"?, "attributes"? } },
        "expect": true | false, "code"?: "out_of_scope" }
    ],
    "variants"?: [
      { "name": "...",
        "patch": [ { "op": "remove", "path": "/org/users/0/roles/0" },
                   { "op": "replace", "path": "/org/settings/x", "value": true } ],
        "problems": [ { "path": "org.users[0].roles", "message"?: "words it contains" } ],
        "cases"?: [ ... ] }
    ]
  }

A variant applies its patch (JSON Patch ops, RFC 6902: add, remove, replace,
with JSON pointers) to the snapshot and loads the result: it passes when the
load reports exactly the expected problems (each expected one by its path,
and by words of its message when given; none more), or, with "problems": [],
when it loads, and then its own "cases" pass too.

  --json   print {"file", "casesFile", "passed", "failed", "results": [{kind, name, at,
           ok, explanation? (a case's), problems? (a variant's), why? (a failure's)}]}`,
    run: runTests,
  },
  types: {
    args: 'SNAPSHOT [-o FILE] [--users]',
    summary: 'write the TypeScript types of the ids of a snapshot\'s model',
    help: `Writes a TypeScript module of the snapshot's ids, in model order:
  export type Permission = 'calls.record' | ...;
  export type Role = 'admin' | ...;
  export interface RolegateIds { permission: Permission; role: Role; user: string }
for Rolegate.load<RolegateIds>(snapshot) and loadSlice<RolegateIds>(bytes),
which then reject a misspelt permission or role at compile time.
An invalid snapshot prints every problem with its JSON path and exits 1.

  -o, --out FILE   write to FILE (default: stdout)
  --users          also export type User (the org's user ids) and type user
                   ids with it (users change with the data: regenerate)`,
    run: types,
  },
  help: {
    args: '[COMMAND]',
    summary: 'print this help, or a command\'s',
    help: 'Prints the usage of every command, or the help of COMMAND.',
    run: help,
  },
};

function usage() {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  rolegate ${name} ${c.args}\n      ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n\n  rolegate help COMMAND (or rolegate COMMAND --help) for a command's options.\n`;
}

function commandHelp(name) {
  const c = COMMANDS[name];
  return `Usage: rolegate ${name} ${c.args}\n\n${c.help}\n`;
}

/** @param {string[]} args */
function help(args) {
  const { positionals } = parse(args, {});
  const [name] = positionals;
  if (name === undefined) {
    process.stdout.write(usage());
  } else if (Object.hasOwn(COMMANDS, name)) {
    process.stdout.write(commandHelp(name));
  } else {
    process.stderr.write(`rolegate: unknown command \`${name}\`\n\n${usage()}`);
    return 2;
  }
  return 0;
}

/** @param {string[]} args */
function types(args) {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    users: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'one snapshot only' : 'which snapshot? (rolegate types SNAPSHOT)');
  const [file] = positionals;
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const gate = load(file, text);
  if (!gate) return 1;
  const { permissions, roles } = gate.matrix();
  gate.free();
  const parts = [
    `// The ids of the model of ${file.replace(/\s+/g, ' ')}, written by \`rolegate types\`: do not edit, regenerate.`,
    '// Rolegate.load<RolegateIds>(snapshot), loadSlice<RolegateIds>(bytes).',
    '',
    union('Permission', 'A permission of the model.', permissions),
    union('Role', 'A role of the model.', roles),
  ];
  if (values.users) {
    /** @type {{ org: { users: { id: string, name?: string }[] } }} */
    const snapshot = JSON.parse(text);
    parts.push(union('User', 'A user of the org (as of this snapshot).', snapshot.org.users.map((u) => ({ id: u.id, label: u.name }))));
  }
  parts.push(
    '/** The ids to type decisions with: `Rolegate.load<RolegateIds>(snapshot)`. */',
    'export interface RolegateIds {',
    '  permission: Permission;',
    '  role: Role;',
    `  user: ${values.users ? 'User' : 'string'};`,
    '}',
    '',
  );
  const ts = parts.join('\n');
  if (values.out === undefined) {
    process.stdout.write(ts);
  } else {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, ts);
  }
  return 0;
}

/** @param {string[]} args */
function check(args) {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const [file] = exactly(positionals, ['SNAPSHOT'], 'check');
  const text = read(file);
  let gate;
  try {
    gate = Rolegate.fromJson(text);
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    if (values.json) {
      print({ file, valid: false, problems: e.problems, warnings: [] });
    } else {
      const n = e.problems.length;
      const lines = [`${file}: invalid snapshot, ${plural(n, 'problem')}:`, ...e.problems.map((p) => `  ${p.path}: ${p.message}`)];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 1;
  }
  try {
    const warnings = gate.warnings();
    const { roles, permissions } = gate.matrix();
    const counts = { users: usersOf(text), roles: roles.length, permissions: permissions.length };
    if (values.json) {
      print({ file, valid: true, problems: [], warnings, counts });
    } else {
      const lines = [`${file}: valid: ${plural(counts.users, 'user')}, ${plural(counts.roles, 'role')}, ${plural(counts.permissions, 'permission')}`];
      if (warnings.length) lines.push(`${plural(warnings.length, 'warning')}:`, ...warnings.map((p) => `  ${p.path}: ${p.message}`));
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } finally {
    gate.free();
  }
}

/** The number of users of a snapshot that loaded. */
function usersOf(text) {
  const users = JSON.parse(text)?.org?.users;
  return Array.isArray(users) ? users.length : 0;
}

/** @param {string[]} args */
function explain(args) {
  const { values, positionals } = parse(args, {
    unit: { type: 'string' },
    team: { type: 'string' },
    owner: { type: 'string' },
    record: { type: 'string' },
    locale: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [file, user, permission] = exactly(positionals, ['SNAPSHOT', 'USER', 'PERMISSION'], 'explain');
  if (values.locale !== undefined && values.locale !== 'en' && values.locale !== 'fr') throw new UsageError(`--locale: \`${values.locale}\` is not en or fr`);
  const context = contextOf(values);
  const gate = load(file, read(file));
  if (!gate) return 1;
  try {
    const x = gate.explain(user, permission, context, values.locale ? { locale: values.locale } : undefined);
    if (values.json) print(x);
    else process.stdout.write(`${explanationLines(x).join('\n')}\n`);
    return 0;
  } finally {
    gate.free();
  }
}

/** The context of explain's options, or undefined for none. */
function contextOf({ unit, team, owner, record }) {
  /** @type {Record<string, unknown>} */
  const context = {};
  if (unit !== undefined) context.unit = unit;
  if (team !== undefined) context.team = team;
  let rec;
  if (record !== undefined) {
    try {
      rec = JSON.parse(record);
    } catch (e) {
      throw new UsageError(`--record: not JSON (${e instanceof Error ? e.message : e})`);
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) throw new UsageError('--record: not a JSON object ({"owner"?, "team"?, "unit"?, "attributes"?})');
  }
  if (owner !== undefined) rec = { ...rec, owner };
  if (rec !== undefined) context.record = rec;
  return Object.keys(context).length ? context : undefined;
}

/** An explanation for people: the decision and message, then its code and ids. */
function explanationLines(x) {
  const lines = [`${x.allowed ? 'allowed' : 'denied'}: ${x.message}`, `  code: ${x.code}`];
  for (const key of ['role', 'wouldBeGrantedBy', 'unit', 'team', 'toggle', 'restriction', 'seat', 'feature', 'onSomeRecords']) {
    if (x[key] !== undefined) lines.push(`  ${key}: ${x[key]}`);
  }
  return lines;
}

/** @param {string[]} args */
function diff(args) {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const [beforeFile, afterFile] = exactly(positionals, ['BEFORE', 'AFTER'], 'diff');
  const before = snapshotObject(beforeFile);
  const after = snapshotObject(afterFile);
  if (before === undefined || after === undefined) return 1;
  let result;
  try {
    result = Rolegate.diff(before, after);
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    process.stderr.write(`rolegate diff: invalid snapshot, ${plural(e.problems.length, 'problem')}:\n`);
    for (const p of e.problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
    return 1;
  }
  if (values.json) {
    print(result);
    return 0;
  }
  if (result.summary.length === 0) process.stdout.write('no changes\n');
  for (const line of result.summary) process.stdout.write(`${line.message}\n`);
  for (const u of result.users) {
    process.stdout.write(`\n${u.user} (${u.status})\n`);
    const list = (label, xs) => xs.length > 0 && process.stdout.write(`  ${label}: ${xs.join(', ')}\n`);
    list('gains', u.gained);
    list('loses', u.lost);
    for (const unit of u.units) {
      list(`gains at ${unit.unit}`, unit.gained);
      list(`loses at ${unit.unit}`, unit.lost);
    }
    for (const scope of u.scopes) for (const m of scope.messages) process.stdout.write(`  ${scope.permission}: ${m}\n`);
    list('restrictions start', u.restrictionsStarted);
    list('restrictions stop', u.restrictionsStopped);
    list('takes seats', u.seatsGained);
    list('frees seats', u.seatsLost);
  }
  return 0;
}

/** A file's JSON value, or undefined once the parse error is printed. */
function snapshotObject(file) {
  try {
    return JSON.parse(read(file));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    process.stderr.write(`rolegate: ${file}: invalid snapshot, 1 problem:\n  $: not valid JSON: ${e.message}\n`);
    return undefined;
  }
}

/** @param {string[]} args */
function slice(args) {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' }, json: { type: 'boolean' } });
  const [file, user] = exactly(positionals, ['SNAPSHOT', 'USER'], 'slice');
  if (values.out === undefined && process.stdout.isTTY) throw new UsageError('the slice is binary: give -o FILE (or redirect stdout)');
  if (values.out === undefined && values.json) throw new UsageError('--json needs -o FILE (stdout would hold the slice)');
  const gate = load(file, read(file));
  if (!gate) return 1;
  let bytes;
  let fingerprint;
  try {
    bytes = gate.slice(user);
    fingerprint = gate.fingerprint;
  } catch (e) {
    if (!(e instanceof SliceError)) throw e;
    process.stderr.write(`rolegate slice: ${e.message}\n`);
    return 1;
  } finally {
    gate.free();
  }
  const size = `${bytes.length.toLocaleString('en-US')} bytes`;
  if (values.out === undefined) {
    process.stdout.write(bytes);
    process.stderr.write(`slice of ${user}: ${size} (fingerprint ${fingerprint})\n`);
  } else {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, bytes);
    if (values.json) print({ user, bytes: bytes.length, fingerprint, file: values.out });
    else process.stdout.write(`slice of ${user}: ${size} written to ${values.out} (fingerprint ${fingerprint})\n`);
  }
  return 0;
}

/** @param {string[]} args */
function matrix(args) {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const [file] = exactly(positionals, ['SNAPSHOT'], 'matrix');
  const gate = load(file, read(file));
  if (!gate) return 1;
  let m;
  try {
    m = gate.matrix();
  } finally {
    gate.free();
  }
  if (values.json) {
    print(m);
    return 0;
  }
  /** @type {string[]} */
  const notes = [];
  const cellText = (c) => {
    let t;
    if (c.access === 'none') t = '-';
    else if (c.access === 'full') t = 'yes';
    else if (c.access === 'scoped') t = (c.scope ?? []).length ? c.scope.join(',') : 'scoped';
    else {
      const note = c.note ?? 'a condition';
      let n = notes.indexOf(note);
      if (n < 0) n = notes.push(note) - 1;
      t = `if [${n + 1}]${(c.scope ?? []).length ? ` ${c.scope.join(',')}` : ''}`;
    }
    return c.seat && c.access !== 'none' ? `${t} [${c.seat}]` : t;
  };
  const header = ['permission', ...m.roles.map((r) => r.id)];
  const rows = m.permissions.map((p, i) => [p.id, ...m.roles.map((_, j) => cellText(m.cells[i][j]))]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells) => cells.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (notes.length) out.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  const labelled = m.roles.filter((r) => r.label && r.label !== r.id);
  if (labelled.length) out.push('', `roles: ${labelled.map((r) => `${r.id} (${r.label})`).join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** @param {string[]} args */
function runTests(args) {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const [file, casesFile] = exactly(positionals, ['SNAPSHOT', 'CASES'], 'test');
  const text = read(file);
  const suite = casesOf(casesFile, read(casesFile));
  if (typeof suite === 'string') {
    process.stderr.write(`rolegate test: ${casesFile}: ${suite}\n`);
    return 1;
  }
  const gate = load(file, text);
  if (!gate) return 1;
  /** @type {any[]} */
  const results = [];
  try {
    suite.cases.forEach((c, i) => results.push(runCase(gate, c, `cases[${i}]`)));
  } finally {
    gate.free();
  }
  const snapshot = JSON.parse(text);
  suite.variants.forEach((v, i) => results.push(...runVariant(snapshot, v, `variants[${i}]`)));
  const failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  if (values.json) {
    print({ file, casesFile, passed, failed, results });
  } else {
    const out = [];
    for (const r of results) {
      const x = r.explanation;
      out.push(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok && x ? ` (${x.allowed ? 'allowed' : 'denied'}: ${x.message})` : ''}`);
      if (!r.ok) out.push(...r.why.map((w) => `     ${w}`));
    }
    out.push('', `${failed ? 'FAIL' : 'ok'}: ${passed} passed, ${failed} failed (${plural(suite.cases.length, 'case')}, ${plural(suite.variants.length, 'variant')}; ${file})`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return failed ? 1 : 0;
}

/** One case against a loaded gate: `{ kind, name, ok, at, explanation, why? }`. */
function runCase(gate, c, at, prefix = '') {
  const x = gate.explain(c.user, c.permission, c.context ?? undefined);
  const where = c.context ? ` ${JSON.stringify(c.context)}` : '';
  const name = `${prefix}${c.name ?? `${c.user} ${c.expect ? 'may' : 'may not'} ${c.permission}${where}`}`;
  const why = [];
  if (x.allowed !== c.expect) why.push(`expected ${c.expect ? 'allowed' : 'denied'}, got ${x.allowed ? 'allowed' : 'denied'} (${x.code}): ${x.message}`);
  if (c.code !== undefined && x.code !== c.code) why.push(`expected code ${c.code}, got ${x.code}: ${x.message}`);
  return { kind: 'case', name, at, ok: why.length === 0, explanation: x, ...(why.length ? { why } : {}) };
}

/** A variant: its load against the expected problems, then its cases. */
function runVariant(snapshot, v, at) {
  const name = `variant ${v.name}`;
  let patched;
  try {
    patched = applyPatch(snapshot, v.patch);
  } catch (e) {
    return [{ kind: 'variant', name, at, ok: false, problems: [], why: [`${at}.patch: ${e instanceof Error ? e.message : e}`] }];
  }
  let gate;
  let problems = [];
  try {
    gate = Rolegate.load(patched);
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    problems = e.problems;
  }
  const why = [];
  const left = [...problems];
  for (const want of v.problems) {
    const i = left.findIndex((p) => p.path === want.path && (want.message === undefined || p.message.toLowerCase().includes(want.message.toLowerCase())));
    if (i < 0) why.push(`expected the problem ${want.path}${want.message === undefined ? '' : ` (${JSON.stringify(want.message)})`}, not reported`);
    else left.splice(i, 1);
  }
  for (const p of left) why.push(`unexpected problem ${p.path}: ${p.message}`);
  if (v.problems.length === 0 && problems.length === 0) { /* loads, as expected */ }
  const results = [{ kind: 'variant', name: `${name}: ${v.problems.length ? plural(v.problems.length, 'expected problem') : 'loads'}`, at, ok: why.length === 0, problems, ...(why.length ? { why } : {}) }];
  if (gate) {
    try {
      v.cases.forEach((c, i) => results.push(runCase(gate, c, `${at}.cases[${i}]`, `${v.name}: `)));
    } finally {
      gate.free();
    }
  } else {
    v.cases.forEach((c, i) => results.push({ kind: 'case', name: `${v.name}: ${c.name ?? `${c.user} ${c.permission}`}`, at: `${at}.cases[${i}]`, ok: false, why: ['the variant does not load'] }));
  }
  return results;
}

/** The cases file read and checked, or what is wrong with it (one line). */
function casesOf(file, text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not valid JSON: ${e instanceof Error ? e.message : e}`;
  }
  const problems = [];
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const only = (o, at, keys) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) problems.push(`${at}.${k}: unknown field (the fields are ${keys.join(', ')})`);
  };
  const str = (o, k, at, optional = false) => {
    if (o[k] === undefined ? !optional : typeof o[k] !== 'string') problems.push(`${at}.${k}: expected a string`);
  };
  const cases = (list, at) => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      problems.push(`${at}: expected a list of cases`);
      return [];
    }
    list.forEach((c, i) => {
      const here = `${at}[${i}]`;
      if (!isObject(c)) return problems.push(`${here}: expected a case {user, permission, context?, expect, code?}`);
      only(c, here, ['name', 'user', 'permission', 'context', 'expect', 'code']);
      str(c, 'name', here, true);
      str(c, 'user', here);
      str(c, 'permission', here);
      str(c, 'code', here, true);
      if (typeof c.expect !== 'boolean') problems.push(`${here}.expect: expected true or false`);
      if (c.context !== undefined && c.context !== null && !isObject(c.context)) problems.push(`${here}.context: expected an object {unit?, team?, record?}`);
      return undefined;
    });
    return list;
  };
  if (!isObject(doc)) return 'expected an object {"cases": [...], "variants"?: [...]}';
  only(doc, '$', ['cases', 'variants']);
  if (doc.cases === undefined) problems.push('$.cases: missing (a list of cases)');
  const suite = { cases: cases(doc.cases, '$.cases'), variants: [] };
  if (doc.variants !== undefined) {
    if (!Array.isArray(doc.variants)) problems.push('$.variants: expected a list of variants');
    else {
      doc.variants.forEach((v, i) => {
        const here = `$.variants[${i}]`;
        if (!isObject(v)) return problems.push(`${here}: expected a variant {name, patch, problems, cases?}`);
        only(v, here, ['name', 'patch', 'problems', 'cases']);
        str(v, 'name', here);
        if (!Array.isArray(v.patch)) problems.push(`${here}.patch: expected a list of JSON Patch operations`);
        if (!Array.isArray(v.problems)) problems.push(`${here}.problems: expected a list of {path, message?} ([] when the variant loads)`);
        else v.problems.forEach((p, j) => {
          if (!isObject(p)) return problems.push(`${here}.problems[${j}]: expected {path, message?}`);
          only(p, `${here}.problems[${j}]`, ['path', 'message']);
          str(p, 'path', `${here}.problems[${j}]`);
          str(p, 'message', `${here}.problems[${j}]`, true);
          return undefined;
        });
        suite.variants.push({ ...v, cases: cases(v.cases, `${here}.cases`) });
        return undefined;
      });
    }
  }
  return problems.length ? `not a cases file: ${problems.join('; ')}` : suite;
}

/**
 * `doc` with the JSON Patch operations `ops` (RFC 6902: add, remove,
 * replace) applied, on a copy; throws an Error naming the operation that
 * does not apply.
 */
function applyPatch(doc, ops) {
  let root = structuredClone(doc);
  ops.forEach((op, i) => {
    const at = `[${i}]`;
    if (op === null || typeof op !== 'object' || typeof op.path !== 'string') throw new Error(`${at}: expected {op, path, value?}`);
    if (!['add', 'remove', 'replace'].includes(op.op)) throw new Error(`${at}.op: \`${op.op}\` is not add, remove or replace`);
    if ((op.op !== 'remove') !== Object.hasOwn(op, 'value')) throw new Error(`${at}: ${op.op === 'remove' ? 'remove takes no value' : `${op.op} needs a value`}`);
    if (op.path === '') {
      if (op.op === 'remove') throw new Error(`${at}: cannot remove the whole document`);
      root = structuredClone(op.value);
      return;
    }
    if (!op.path.startsWith('/')) throw new Error(`${at}.path: \`${op.path}\` is not a JSON pointer (/org/users/0)`);
    const keys = op.path.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    let parent = root;
    for (const k of keys) {
      parent = Array.isArray(parent) ? parent[arrayIndex(parent, k, false, op.path)] : parent !== null && typeof parent === 'object' && Object.hasOwn(parent, k) ? parent[k] : undefined;
      if (parent === null || typeof parent !== 'object') throw new Error(`${at}.path: \`${op.path}\` names nothing in the snapshot`);
    }
    if (Array.isArray(parent)) {
      const n = arrayIndex(parent, last, op.op === 'add', op.path);
      if (op.op === 'add') parent.splice(n, 0, structuredClone(op.value));
      else if (op.op === 'remove') parent.splice(n, 1);
      else parent[n] = structuredClone(op.value);
    } else {
      if (op.op !== 'add' && !Object.hasOwn(parent, last)) throw new Error(`${at}.path: \`${op.path}\` names nothing in the snapshot`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = structuredClone(op.value);
    }
  });
  return root;
}

/** The index `k` of a JSON pointer into `list` (`-` is its end, for add). */
function arrayIndex(list, k, adding, path) {
  if (adding && k === '-') return list.length;
  const n = /^(0|[1-9]\d*)$/.test(k) ? Number(k) : -1;
  if (n < 0 || n > list.length || (n === list.length && !adding)) throw new Error(`path: \`${path}\`: no index \`${k}\` in a list of ${list.length}`);
  return n;
}

/** The positionals named `names`, or a UsageError. */
function exactly(positionals, names, command) {
  if (positionals.length < names.length) throw new UsageError(`${names.slice(positionals.length).join(' ')} missing (rolegate ${command} ${names.join(' ')})`);
  if (positionals.length > names.length) throw new UsageError(`unexpected \`${positionals[names.length]}\` (rolegate ${command} ${names.join(' ')})`);
  return positionals;
}

/** A file's text (a leading BOM dropped); a missing file throws its `ENOENT`, which main prints. */
function read(file) {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** `value` as indented JSON on stdout. */
function print(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function plural(n, word) {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The snapshot loaded by the engine, or undefined once its problems are printed. */
function load(file, text) {
  try {
    return Rolegate.fromJson(text);
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    const n = e.problems.length;
    process.stderr.write(`rolegate: ${file}: invalid snapshot, ${n} problem${n === 1 ? '' : 's'}:\n`);
    for (const p of e.problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
    return undefined;
  }
}

/** `export type Name = | 'a' | 'b';`, one id a line with its label. */
function union(name, doc, named) {
  const lines = named.map(({ id, label }, i) => {
    const end = i === named.length - 1 ? ';' : '';
    const words = !label || label === id ? '' : ` // ${String(label).replace(/\s+/g, ' ').trim()}`;
    return `  | ${quote(id)}${end}${words}`;
  });
  return `/** ${doc} */\nexport type ${name} =${lines.length ? `\n${lines.join('\n')}` : ' never;'}\n`;
}

/** A TypeScript string literal of `s`. */
function quote(s) {
  return `'${s.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\\' || c === "'" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}'`;
}

/** parseArgs of a command's arguments: wrong options as a UsageError, `--help` as a HelpRequest. */
function parse(args, options) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (parsed.values.help) throw new HelpRequest();
  return parsed;
}

async function main(argv) {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? process.stderr : process.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    process.stderr.write(`rolegate: unknown command \`${name}\`\n\n${usage()}`);
    return 2;
  }
  try {
    return await COMMANDS[name].run(args);
  } catch (e) {
    if (e instanceof HelpRequest) {
      process.stdout.write(commandHelp(name));
      return 0;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`rolegate ${name}: ${e.message}\n\n${commandHelp(name)}`);
      return 2;
    }
    if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' && 'message' in e) {
      process.stderr.write(`rolegate ${name}: ${e.message}\n`); // a file that cannot be read or written
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
