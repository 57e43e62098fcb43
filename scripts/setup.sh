#!/usr/bin/env bash
# Installs what `make pkg`, `make demo` and `make test` need, idempotently and
# quickly when everything is there: the wasm32 target, the wasm-bindgen-cli
# matching Cargo.lock, chromium + chromium-driver + firefox-esr (apt),
# geckodriver, Node >= 20 and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export PATH="$HOME/.cargo/bin:$PATH"

# Rust: the wasm32 target, the lint/format components, and the standard
# library's source (the client wasm builds its own std without panic messages,
# see scripts/build-pkg.sh).
installed=$(rustup target list --installed)
grep -qx wasm32-unknown-unknown <<<"$installed" || rustup target add wasm32-unknown-unknown
for c in rustfmt clippy rust-src; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

# wasm-bindgen-cli: exactly the version of the wasm-bindgen crate in Cargo.lock.
[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}')"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# Browsers and drivers (Debian packages), and Node if absent.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
# PostgreSQL for tests/node/filter.test.mjs (it starts a private cluster).
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  say "warning: Node $node_major found; the package and its tests need Node >= 20"
fi
command -v geckodriver >/dev/null || cargo install geckodriver

# npm packages: build tools at the root, the Vite test app, the demo e2e tests,
# the server example (its `rolegate` is linked to pkg/ by `make server`).
npm_install() { # dir
  local dir=$1
  [ -f "$dir/package.json" ] || return 0
  local stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$dir/package.json" -nt "$stamp" ] || { [ -f "$dir/package-lock.json" ] && [ "$dir/package-lock.json" -nt "$stamp" ]; }; then
    say "npm install in $dir"
    (cd "$dir" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi)
  fi
}
npm_install .
npm_install tests/integration
npm_install tests/e2e
npm_install examples/server
say "ok"
