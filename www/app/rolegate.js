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
  return { main: new URL(main, PKG).href, dom: new URL(dom, PKG).href };
}

async function load() {
  const { main, dom } = await entries();
  const core = await import(main);
  // A raw wasm-bindgen web build exports its initialiser as default;
  // calling it again after the package initialised itself does nothing.
  if (typeof core.default === 'function') {
    try {
      await core.default();
    } catch {
      // not an initialiser
    }
  }
  const helper = await import(dom);
  const Rolegate = core.Rolegate ?? core.default?.Rolegate;
  const applyGates = helper.applyGates ?? helper.default?.applyGates;
  if (!Rolegate || !applyGates) throw new Error('the rolegate package in www/pkg/ exports no Rolegate or no applyGates');
  return { Rolegate, SnapshotError: core.SnapshotError, applyGates };
}

export const { Rolegate, SnapshotError, applyGates } = await load();
