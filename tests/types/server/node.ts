// With @types/node: a snapshot read from disk, ids from the generated module.
import { readFileSync } from 'node:fs';
import { Rolegate, type Snapshot } from 'rolegate';
import type { RolegateIds } from '../generated/modjo.js';

const gate = Rolegate.fromJson<RolegateIds>(readFileSync(new URL('../../../www/orgs/modjo.json', import.meta.url), 'utf8'));
const parsed: Snapshot = JSON.parse(readFileSync('snapshot.json', 'utf8'));
const other = Rolegate.load(parsed);
process.stdout.write(`${gate.fingerprint} ${other.fingerprint}\n`);
// `using` needs lib esnext.disposable (not here), `free()` works everywhere.
gate.free();
other.free();
