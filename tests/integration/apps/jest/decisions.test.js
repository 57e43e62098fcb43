// Jest with its defaults (CommonJS, the node environment).
const { Rolegate } = require('rolegate');
const { loadSlice } = require('rolegate/client');
const { decide } = require('../../fixture/decide.cjs');
const { expect: states } = require('../../fixture/cases.json');

const allowed = (user) => Object.fromEntries(Object.entries(states[user]).map(([id, s]) => [id, s === 'visible']));
const gate = Rolegate.load(require('../../fixture/org.json'));

test.each(['ann', 'bob'])('%s: the buttons the org allows', (user) => {
  expect(decide(gate.user(user))).toEqual(allowed(user));
});

test('a slice decides as the full engine', async () => {
  expect(decide(await loadSlice(gate.slice('bob')))).toEqual(allowed('bob'));
});
