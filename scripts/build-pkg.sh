#!/usr/bin/env bash
# Builds pkg/, the npm package ready for `npm publish` / `npm pack`:
# the wasm (release, wasm-opt -Oz), one wasm-bindgen `web` glue shared by every
# entry (browsers and bundlers fetch the .wasm by URL, Node reads it from disk),
# the small JS layer in js/, .d.ts files (Rust types via wasm-bindgen + tsify,
# the JS layer via tsc from its JSDoc) and package.json from pkg.json.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=target/pkg-build
TARGET=${CARGO_TARGET_DIR:-target}
WASM=$TARGET/wasm32-unknown-unknown/release/rolegate.wasm
# The client engine (feature `client`) in a target dir of its own, so the two
# builds do not overwrite each other's rolegate.wasm.
CLIENT_WASM=$TARGET/client/wasm32-unknown-unknown/release/rolegate.wasm

# strip=false for this build only: wasm-bindgen reads the target_features
# section that `strip` removes; wasm-opt strips everything afterwards.
CARGO_PROFILE_RELEASE_STRIP=false cargo build --quiet --release --lib --target wasm32-unknown-unknown
CARGO_PROFILE_RELEASE_STRIP=false cargo build --quiet --release --lib --target wasm32-unknown-unknown \
  --features client --target-dir "$TARGET/client"

rm -rf "$BUILD" pkg
mkdir -p "$BUILD" pkg
wasm-bindgen --target web --out-dir "$BUILD" "$WASM"
wasm-bindgen --target web --out-dir "$BUILD" --out-name rolegate_client "$CLIENT_WASM"
for name in rolegate rolegate_client; do
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$BUILD/${name}_bg.wasm" -o "pkg/${name}_bg.wasm"
  cp "$BUILD/$name.js" "$BUILD/$name.d.ts" "$BUILD/${name}_bg.wasm.d.ts" pkg/
  # A fresh instance of the same module, for js/instance.js to start when
  # the current one traps (its state is then unknown): the glue keeps one
  # instance in module variables, so the restart has to be part of the glue.
  cat >> "pkg/$name.js" <<'GLUE'

/** Replaces the wasm instance, which trapped, by a fresh one of the same module (rolegate's gate.js calls it, once every object of the old one is cut loose). */
export function __rolegate_restart() {
    const module = wasmModule;
    wasm = undefined;
    initSync({ module });
}
GLUE
  cat >> "pkg/$name.d.ts" <<'GLUE'

/** @private Replaces the wasm instance after a trap (rolegate's JS layer calls it). */
export function __rolegate_restart(): void;
GLUE
done
cp js/*.js pkg/

node --input-type=module - <<'JS'
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
const cargo = readFileSync('Cargo.toml', 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error('no version in Cargo.toml');
const manifest = JSON.parse(readFileSync('pkg.json', 'utf8'));
manifest.version = version;
writeFileSync('pkg/package.json', JSON.stringify(manifest, null, 2) + '\n');
copyFileSync(existsSync('docs/README-package.md') ? 'docs/README-package.md' : 'README.md', 'pkg/README.md');
JS

# Declarations of the JS layer, generated from its JSDoc.
node_modules/.bin/tsc --allowJs --checkJs false --declaration --emitDeclarationOnly \
  --target es2022 --module esnext --moduleResolution bundler --lib es2022,esnext.disposable,dom --types node \
  --skipLibCheck --rootDir pkg --outDir pkg pkg/index.js pkg/node.js pkg/dom.js pkg/gate.js \
  pkg/client.js pkg/client-node.js

node scripts/pkg-size.mjs
