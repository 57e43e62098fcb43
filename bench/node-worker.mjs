// One library (one check variant) in a fresh Node process:
//   node node-worker.mjs <lib> [variant index] [loads: 1|0] [runs] [minMs] [verify all variants: 1|0]
// Prints one line of JSON (the suite's result) on stdout; progress on stderr.
import { runSuite } from './suite.mjs';
import { loadRolegateNode, loadRolegateClientNode } from './rolegate-path.mjs';

const LIBS = {
  casl: async () => (await import('./adapters/casl.mjs')).createAdapter(await import('@casl/ability')),
  cedar: async () => {
    const m = await import('@cedar-policy/cedar-wasm/nodejs');
    return (await import('./adapters/cedar.mjs')).createAdapter(m.default ?? m);
  },
  casbin: async () => (await import('./adapters/casbin.mjs')).createAdapter(await import('casbin')),
  rolegate: async () => {
    const { Rolegate } = await loadRolegateNode();
    const { loadSlice } = await loadRolegateClientNode();
    return (await import('./adapters/rolegate.mjs')).createAdapter({ Rolegate, loadSlice });
  },
  plainjs: async () => (await import('./adapters/plainjs.mjs')).createAdapter(),
  floor: async () => (await import('./adapters/floor.mjs')).createAdapter(),
};

const [lib, variant = '0', loads = '1', runs, minMs, verifyAll = '1'] = process.argv.slice(2);
if (!LIBS[lib]) {
  console.error(`usage: node node-worker.mjs <${Object.keys(LIBS).join('|')}> [variant] [loads 1|0] [runs] [minMs]`);
  process.exit(2);
}
// Slice sizes (the same in every environment) are measured in Node's first process only.
const opts = { variant: Number(variant), loads: loads !== '0', verifyAll: verifyAll !== '0', sliceSizes: verifyAll !== '0' };
if (runs) opts.runs = Number(runs);
if (minMs) opts.minMs = Number(minMs);
const adapter = await LIBS[lib]();
const result = await runSuite(adapter, opts, (line) => console.error(`  [node] ${line}`));
result.env = 'node';
process.stdout.write(JSON.stringify(result) + '\n');
