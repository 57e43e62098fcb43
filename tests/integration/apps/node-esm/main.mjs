// Node ESM (also run by Bun and Deno): `import` the package, load without
// `await init()` (the wasm starts on first use), decide; and a slice read by
// the client engine. Prints the decisions as one JSON line.
import { readFileSync } from 'node:fs';
import { Rolegate } from 'rolegate';
import { loadSlice } from 'rolegate/client';

const fixture = new URL('../../fixture/', import.meta.url);
const { buttons } = JSON.parse(readFileSync(new URL('cases.json', fixture), 'utf8'));
const decide = (me) => Object.fromEntries(Object.entries(buttons).map(([id, b]) => [id, me.can(b.permission, b.context)]));

const gate = Rolegate.load(JSON.parse(readFileSync(new URL('org.json', fixture), 'utf8')));
const slice = await loadSlice(gate.slice('bob'));
console.log(JSON.stringify({ ann: decide(gate.user('ann')), bob: decide(gate.user('bob')), slice: decide(slice) }));
