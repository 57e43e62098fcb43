// Vitest with its defaults (ESM).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { init, Rolegate } from 'rolegate';
import { loadSlice } from 'rolegate/client';

const fixture = new URL('../../fixture/', import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(name, fixture), 'utf8'));
const { buttons, expect: states } = read('cases.json');
const decide = (me) => Object.fromEntries(Object.entries(buttons).map(([id, b]) => [id, me.can(b.permission, b.context)]));
const allowed = (user) => Object.fromEntries(Object.entries(states[user]).map(([id, s]) => [id, s === 'visible']));

await init();
const gate = Rolegate.load(read('org.json'));

test.each(['ann', 'bob'])('%s: the buttons the org allows', (user) => {
  expect(decide(gate.user(user))).toEqual(allowed(user));
});

test('a slice decides as the full engine', async () => {
  expect(decide(await loadSlice(gate.slice('bob')))).toEqual(allowed('bob'));
});
