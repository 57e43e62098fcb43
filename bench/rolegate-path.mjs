// Where the built rolegate npm package is (make pkg writes it to ../pkg) and
// how to import it in Node and bundle it for the browser.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export let PKG_DIR = path.resolve(BENCH_DIR, process.env.ROLEGATE_PKG ?? '../pkg');

/** Points this process (and, through the environment, its workers) at another copy. */
export function usePkgDir(dir) {
  PKG_DIR = dir;
  process.env.ROLEGATE_PKG = dir;
}

export function pkgManifest() {
  const file = path.join(PKG_DIR, 'package.json');
  if (!existsSync(file)) {
    throw new Error(`the rolegate package is not built: ${file} is missing (run \`make pkg\` in the repository root first)`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

// Picks an entry of the manifest's exports["."] (or main/module), or of
// another sub-path such as "./client", by condition.
export function pkgEntry(conditions, subpath = '.') {
  const m = pkgManifest();
  let e = m.exports;
  if (subpath !== '.') {
    e = e?.[subpath];
    if (!e) throw new Error(`${PKG_DIR}/package.json exports no ${subpath}`);
  } else if (e && typeof e === 'object' && '.' in e) e = e['.'];
  const pick = (x) => {
    if (typeof x === 'string') return x;
    if (Array.isArray(x)) return x.map(pick).find(Boolean);
    if (x && typeof x === 'object') {
      for (const c of conditions) if (c in x) { const r = pick(x[c]); if (r) return r; }
    }
    return undefined;
  };
  const rel = pick(e) ?? (subpath === '.' ? m.module ?? m.main : undefined);
  if (!rel) throw new Error(`${PKG_DIR}/package.json names no entry for ${conditions.join('/')}`);
  return path.join(PKG_DIR, rel);
}

export async function loadRolegateNode() {
  const mod = await import(pathToFileURL(pkgEntry(['node', 'import', 'default', 'require'])).href);
  const Rolegate = mod.Rolegate ?? mod.default?.Rolegate;
  if (!Rolegate) throw new Error(`${PKG_DIR}: the package exports no Rolegate`);
  return { Rolegate, module: mod };
}

/** `rolegate/client` for Node: `loadSlice` (the lean client engine). */
export async function loadRolegateClientNode() {
  const mod = await import(pathToFileURL(pkgEntry(['node', 'import', 'default'], './client')).href);
  if (typeof mod.loadSlice !== 'function') throw new Error(`${PKG_DIR}: rolegate/client exports no loadSlice`);
  return mod;
}

/** `rolegate/filter` for Node: `toSql` (plain functions, no engine). */
export async function loadRolegateFilterNode() {
  const mod = await import(pathToFileURL(pkgEntry(['node', 'import', 'default'], './filter')).href);
  if (typeof mod.toSql !== 'function') throw new Error(`${PKG_DIR}: rolegate/filter exports no toSql`);
  return mod;
}
