// The rolegate package as the demo uses it: its no-bundler web build and its
// DOM helper (`rolegate/dom`), served next to the page under `pkg/` (copied
// there by `make demo`). The entries are read from the package's own
// `package.json` exports, so the page follows the package's layout.

const PKG = new URL('../pkg/', import.meta.url);

/** Picks a path from an `exports` value for a browser without a bundler. */
function pick(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(pick).find(Boolean);
  if (value && typeof value === 'object') {
    for (const c of ['web', 'browser', 'import', 'default']) {
      const found = c in value ? pick(value[c]) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

async function entries() {
  let manifest = {};
  try {
    const res = await fetch(new URL('package.json', PKG));
    if (res.ok) manifest = await res.json();
  } catch {
    // no manifest: the conventional file names below
  }
  const ex = manifest.exports ?? {};
  const main = pick(ex['./web']) ?? pick(ex['.'] ?? ex) ?? manifest.module ?? manifest.main ?? 'index.js';
  const dom = pick(ex['./dom']) ?? 'dom.js';
  const client = pick(ex['./client']) ?? 'client.js';
  return { main: new URL(main, PKG).href, dom: new URL(dom, PKG).href, client: new URL(client, PKG).href };
}

async function load() {
  const { main, dom, client } = await entries();
  const core = await import(main);
  // The package's one asynchronous step: starting its wasm (importing never blocks).
  await (core.init ?? core.Rolegate?.init)?.();
  const helper = await import(dom);
  const Rolegate = core.Rolegate ?? core.default?.Rolegate;
  const applyGates = helper.applyGates ?? helper.default?.applyGates;
  if (!Rolegate || !applyGates) throw new Error('the rolegate package in www/pkg/ exports no Rolegate or no applyGates');
  // The client engine (`rolegate/client`): the signed-in user's decisions
  // from their slice, as a browser of a real app would get them.
  const lean = await import(client);
  return { Rolegate, SnapshotError: core.SnapshotError, applyGates, loadSlice: lean.loadSlice, clientFiles: clientFiles(client) };
}

/** The files the client entry downloads: its JS modules and its wasm. */
function clientFiles(client) {
  const names = ['client-gate.js', 'instance.js', 'context-buffer.js', 'slice-error.js', 'rolegate_client.js', 'rolegate_client_bg.wasm'];
  return [client, ...names.map((n) => new URL(n, PKG).href)];
}

export const { Rolegate, SnapshotError, applyGates, loadSlice, clientFiles: CLIENT_FILES } = await load();

/** The gzipped size of the client engine's download (JS + wasm), in bytes. */
export async function clientDownload() {
  let total = 0;
  for (const url of CLIENT_FILES) {
    const body = (await fetch(url)).body;
    if (!body) continue;
    const gz = body.pipeThrough(new CompressionStream('gzip'));
    total += (await new Response(gz).arrayBuffer()).byteLength;
  }
  return total;
}
