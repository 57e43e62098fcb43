// Node CommonJS: `require` the package (its CommonJS build, on every Node
// >= 20), load, decide; and a slice read by the client engine.
const { Rolegate } = require('rolegate');
const { loadSlice } = require('rolegate/client');
const { decide } = require('../../fixture/decide.cjs');

const gate = Rolegate.load(require('../../fixture/org.json'));
loadSlice(gate.slice('bob')).then((slice) => {
  console.log(JSON.stringify({ ann: decide(gate.user('ann')), bob: decide(gate.user('bob')), slice: decide(slice) }));
});
