#!/usr/bin/env bash
# Builds pkg/, the npm package ready for `npm publish` / `npm pack`:
# the wasm (release, wasm-opt -Oz), one wasm-bindgen `web` glue shared by every
# entry (browsers and bundlers fetch the .wasm by URL, Node reads it from disk),
# the small JS layer in js/, .d.ts files (Rust types via wasm-bindgen + tsify,
# the hand-written declarations of js/types/), CommonJS builds of the Node
# entries (esbuild) and package.json from pkg.json.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=target/pkg-build
# PKG_OUT: where the package goes (default pkg/). `--js-only` rebuilds only
# the JS layer, declarations and manifest over a package already built there
# (its wasm and glue kept): for work on js/ without recompiling.
OUT=${PKG_OUT:-pkg}
JS_ONLY=0
[ "${1:-}" = "--js-only" ] && JS_ONLY=1
TARGET=${CARGO_TARGET_DIR:-target}
WASM=$TARGET/wasm32-unknown-unknown/release/rolegate.wasm
# The client engine (feature `client`) in a target dir of its own, so the two
# builds do not overwrite each other's rolegate.wasm.
CLIENT_WASM=$TARGET/client/wasm32-unknown-unknown/release/rolegate.wasm

if [ "$JS_ONLY" = 1 ]; then
  [ -f "$OUT/rolegate_bg.wasm" ] && [ -f "$BUILD/rolegate.d.ts" ] || { echo "build-pkg: --js-only needs a full build in $OUT first" >&2; exit 1; }
else
# strip=false for this build only: wasm-bindgen reads the target_features
# section that `strip` removes; wasm-opt strips everything afterwards.
CARGO_PROFILE_RELEASE_STRIP=false cargo build --quiet --release --lib --target wasm32-unknown-unknown
CARGO_PROFILE_RELEASE_STRIP=false cargo build --quiet --release --lib --target wasm32-unknown-unknown \
  --features client --target-dir "$TARGET/client"

rm -rf "$BUILD" "$OUT"
mkdir -p "$BUILD" "$OUT"
wasm-bindgen --target web --out-dir "$BUILD" "$WASM"
wasm-bindgen --target web --out-dir "$BUILD" --out-name rolegate_client "$CLIENT_WASM"
for name in rolegate rolegate_client; do
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$BUILD/${name}_bg.wasm" -o "$OUT/${name}_bg.wasm"
  cp "$BUILD/$name.js" "$OUT/"
  # A fresh instance of the same module, for js/instance.js to start when
  # the current one traps (its state is then unknown): the glue keeps one
  # instance in module variables, so the restart has to be part of the glue.
  cat >> "$OUT/$name.js" <<'GLUE'

/** Replaces the wasm instance, which trapped, by a fresh one of the same module (rolegate's gate.js calls it, once every object of the old one is cut loose). */
export function __rolegate_restart() {
    const module = wasmModule;
    wasm = undefined;
    initSync({ module });
}
GLUE
done
fi

cp js/*.js js/*.css "$OUT/"
# The glue exports its initialisers and the `Core` class: the entries export
# only the JS layer's classes, so neither is reachable from outside.

# The CommonJS builds (`require('rolegate')` on every Node >= 20, Jest):
# each Node entry with the JS layer and the glue in one file.
for entry in node client-node dom; do
  node_modules/.bin/esbuild "$OUT/$entry.js" --bundle --format=cjs --platform=node --target=node20 \
    --log-level=warning --define:import.meta.url=__rolegate_url \
    --banner:js="const __rolegate_url = require('node:url').pathToFileURL(__filename).href;" \
    --outfile="$OUT/$entry.cjs"
done

# Declarations: the snapshot, context and answer types from the Rust types
# (the glue's .d.ts up to its `Core` class, with `| undefined` on optional
# fields for `exactOptionalPropertyTypes`), and the hand-written API of each
# entry (js/types/), which names no DOM or WebAssembly global. Each also as
# .d.cts for `require`.
node --input-type=module - "$BUILD/rolegate.d.ts" "$OUT" <<'JS'
import { readFileSync, writeFileSync, readdirSync, copyFileSync } from 'node:fs';
const glue = readFileSync(process.argv[2], 'utf8');
const out = process.argv[3];
const end = glue.search(/\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*export class Core\b/);
if (end < 0) throw new Error('build-pkg: no `export class Core` in the glue declarations');
const types = glue.slice(0, end).replace(/^(\s+\w+\?: )(.+);$/gm, (_, head, type) => `${head}${type} | undefined;`);
writeFileSync(`${out}/types.d.ts`, '// The snapshot, contexts and answers: generated from the Rust types.\n' + types.trimEnd() + '\n');
for (const f of readdirSync('js/types')) copyFileSync(`js/types/${f}`, `${out}/${f}`);
for (const f of readdirSync(out).filter((f) => f.endsWith('.d.ts') && !f.startsWith('rolegate'))) {
  const text = readFileSync(`${out}/${f}`, 'utf8').replace(/(from '\.\/[\w-]+)\.js'/g, "$1.cjs'");
  writeFileSync(`${out}/${f.replace(/\.d\.ts$/, '.d.cts')}`, text);
}
JS

node --input-type=module - "$OUT" <<'JS'
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
const out = process.argv[2];
const cargo = readFileSync('Cargo.toml', 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error('no version in Cargo.toml');
const manifest = JSON.parse(readFileSync('pkg.json', 'utf8'));
manifest.version = version;
writeFileSync(`${out}/package.json`, JSON.stringify(manifest, null, 2) + '\n');
copyFileSync(existsSync('docs/README-package.md') ? 'docs/README-package.md' : 'README.md', `${out}/README.md`);
JS

node scripts/pkg-size.mjs "$OUT"
