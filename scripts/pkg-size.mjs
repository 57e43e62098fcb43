// Prints the browser download of the package's two entries: JS + .wasm,
// gzipped (`rolegate`, the full engine; `rolegate/client`, the slice reader).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// The package directory: the argument, else pkg/ of the repository.
const dir = process.argv[2] ? pathToFileURL(resolve(process.argv[2]) + '/') : new URL('../pkg/', import.meta.url);

const entries = {
  rolegate: ['index.js', 'gate.js', 'instance.js', 'context-buffer.js', 'snapshot-error.js', 'slice-error.js', 'rolegate.js', 'rolegate_bg.wasm'],
  'rolegate/client': ['client.js', 'client-gate.js', 'instance.js', 'context-buffer.js', 'slice-error.js', 'rolegate_client.js', 'rolegate_client_bg.wasm'],
  // The wasm inlined as base64 (for tools that emit no .wasm).
  'rolegate/inline': ['inline.js', 'gate.js', 'instance.js', 'context-buffer.js', 'snapshot-error.js', 'slice-error.js', 'rolegate.js', 'inline-wasm.js', 'rolegate_bg.wasm.inline.js'],
  'rolegate/client/inline': ['client-inline.js', 'client-gate.js', 'instance.js', 'context-buffer.js', 'slice-error.js', 'rolegate_client.js', 'inline-wasm.js', 'rolegate_client_bg.wasm.inline.js'],
};
const kb = (n) => (n / 1024).toFixed(1);
for (const [entry, files] of Object.entries(entries)) {
  let raw = 0;
  let gz = 0;
  let wasm = 0;
  for (const f of files) {
    const bytes = readFileSync(new URL(f, dir));
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += z;
    if (f.endsWith('.wasm') || f.endsWith('.wasm.inline.js')) wasm = z;
  }
  console.log(`pkg: ${entry}: browser download (JS + wasm) ${kb(raw)} KB raw, ${kb(gz)} KB gzipped (wasm ${kb(wasm)} KB, JS ${kb(gz - wasm)} KB)`);
}
