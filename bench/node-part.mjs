// One Node-only part of the benchmark in a fresh process:
//   node node-part.mjs <diff|filter> [runs] [quick: 1|0] [first process: 1|0]
// Prints one line of JSON (the part's result) on stdout; progress on stderr.
//   diff:   Rolegate.diff of the big org (20,401 users; 1,021 with quick) for
//           a few edits of its snapshot (diff.mjs)
//   filter: a filtered SQLite query vs fetching every row and checking each,
//           over 100,000 pins of the big org (10,000 with quick) (filter.mjs)
import { makeOrg } from './scenario.mjs';
import { loadRolegateFilterNode, loadRolegateNode } from './rolegate-path.mjs';

const PARTS = {
  async diff({ runs, quick, first }, log) {
    const { Rolegate } = await loadRolegateNode();
    const { runDiff } = await import('./diff.mjs');
    return runDiff(Rolegate, makeOrg(quick ? 20 : 400), { runs, first }, log);
  },
  async filter({ runs, quick }, log) {
    const { Rolegate } = await loadRolegateNode();
    const { toSql } = await loadRolegateFilterNode();
    const { default: Database } = await import('better-sqlite3');
    const { runFilter } = await import('./filter.mjs');
    return runFilter({ Rolegate, toSql, Database }, makeOrg(400), { runs, count: quick ? 10_000 : 100_000 }, log);
  },
};

const [part, runs = '3', quick = '0', first = '1'] = process.argv.slice(2);
if (!PARTS[part]) {
  console.error(`usage: node node-part.mjs <${Object.keys(PARTS).join('|')}> [runs] [quick 1|0] [first 1|0]`);
  process.exit(2);
}
const result = await PARTS[part]({ runs: Number(runs), quick: quick === '1', first: first === '1' }, (line) => console.error(`  [node] ${line}`));
result.part = part;
process.stdout.write(JSON.stringify(result) + '\n');
