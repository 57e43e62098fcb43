#!/usr/bin/env node
// `rolegate`, the package's command line (`npx rolegate help`). Each command
// is a function of its arguments in COMMANDS, returning the exit code (or a
// promise of it); the engine is this package's own Node entry.
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Rolegate, SnapshotError } from './node.js';

/** A wrong command line: its message and the usage go to stderr, exit 2. */
class UsageError extends Error {}
/** `--help` (or `-h`) among a command's options. */
class HelpRequest extends Error {}

/** @type {Record<string, { args: string, summary: string, help: string, run: (args: string[]) => number | Promise<number> }>} */
const COMMANDS = {
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
  const width = Math.max(...Object.entries(COMMANDS).map(([name, c]) => name.length + c.args.length + 1));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  rolegate ${`${name} ${c.args}`.padEnd(width)}  ${c.summary}`);
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
