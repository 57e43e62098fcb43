// Prints the browser download of the package: JS glue + .wasm, gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const files = ['index.js', 'gate.js', 'context-buffer.js', 'snapshot-error.js', 'rolegate.js', 'rolegate_bg.wasm'];
let raw = 0;
let gz = 0;
for (const f of files) {
  const bytes = readFileSync(new URL(`../pkg/${f}`, import.meta.url));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`pkg: browser download (JS + wasm) ${kb(raw)} KB raw, ${kb(gz)} KB gzipped`);
