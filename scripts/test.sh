#!/usr/bin/env bash
# Every test: format, lints (native and wasm32), native tests, a one-minute
# fuzz run, the package
# build, the wasm-bindgen-test tests in Node + headless Chromium + headless
# Firefox, the Node tests of the packed tarball (Node ESM, a plain module
# page, the README example, the DOM helper, the CLI, type projects), tsc on a
# typed usage file, rolegate/react, the matrix of bundlers, frameworks and
# runtimes (tests/integration), and any tests/e2e/*.mjs. Prints a summary of the counts at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

LOG=target/test-logs
mkdir -p "$LOG"
: > "$LOG/summary.txt"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
# run <name> <command...>: runs, shows and keeps the output; records the counts.
run() {
  local name=$1; shift
  step "$name"
  "$@" 2>&1 | tee "$LOG/$name.log"
  local counts
  counts=$( (grep -E '^test result:|^# (pass|fail) ' "$LOG/$name.log" || true) | awk '
    /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
    /^# pass / { p += $3 } /^# fail / { f += $3 }
    END { if (p + f > 0) printf "%d passed, %d failed", p, f }')
  printf '%-28s %s\n' "$name" "${counts:-ok}" >> "$LOG/summary.txt"
}

run fmt cargo fmt --all -- --check
run clippy-native cargo clippy --lib --bins --examples -- -D warnings
# Tests may unwrap and panic; every other lint applies to them too.
TEST_ALLOW=(-A clippy::unwrap_used -A clippy::expect_used -A clippy::panic -A clippy::indexing_slicing)
run clippy-tests cargo clippy --tests -- -D warnings "${TEST_ALLOW[@]}"
run clippy-wasm32 cargo clippy --target wasm32-unknown-unknown --lib --test wasm_orgs --test wasm_errors --test wasm_slices -- -D warnings
run clippy-client cargo clippy --target wasm32-unknown-unknown --lib --features client --target-dir "${CARGO_TARGET_DIR:-target}/client" -- -D warnings
run cargo-test cargo test
# A one-minute fuzz of loading and checks (`make fuzz` runs it longer).
run fuzz scripts/fuzz.sh 60

run pkg scripts/build-pkg.sh

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
WASM_TESTS=(cargo test --target wasm32-unknown-unknown --test wasm_orgs --test wasm_errors --test wasm_slices)
run wasm-node env -u GECKODRIVER -u CHROMEDRIVER "${WASM_TESTS[@]}"
run wasm-chromium env -u GECKODRIVER WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver "${WASM_TESTS[@]}"
run wasm-firefox env -u CHROMEDRIVER WASM_BINDGEN_USE_BROWSER=1 GECKODRIVER="$(command -v geckodriver)" "${WASM_TESTS[@]}"

# The packed tarball, installed the way a user installs it.
step "npm pack"
TGZ=$(cd pkg && npm pack --pack-destination ../target --silent | tail -1)
echo "target/$TGZ"
(cd tests/node && rm -rf node_modules/rolegate && npm install --no-save --no-package-lock --no-audit --no-fund "../../target/$TGZ" >/dev/null)
run node-tests node --test --test-reporter=tap tests/node/

run tsc tsc --noEmit -p tests/node/tsconfig.json

# The environment matrix (Next.js, Vite 6/7/8, webpack, esbuild, Rollup, Bun,
# Deno, Node ESM and CommonJS, Jest, Vitest; tests/integration/matrix.test.mjs
# unpacks the tarball for its apps) and rolegate/react with React Testing
# Library (the tarball unpacked where tests/integration resolves `rolegate`).
rm -rf tests/integration/node_modules/rolegate && mkdir -p tests/integration/node_modules/rolegate
tar -xzf "target/$TGZ" -C tests/integration/node_modules/rolegate --strip-components=1
run react-readme node --test --test-reporter=tap tests/integration/react.test.mjs tests/integration/readme.test.mjs
run environments env ROLEGATE_TGZ="target/$TGZ" node --test --test-reporter=tap tests/integration/matrix.test.mjs

shopt -s nullglob
e2e=(tests/e2e/*.mjs)
if [ ${#e2e[@]} -gt 0 ]; then
  rm -rf www/pkg && cp -r pkg www/pkg
  run e2e node --test --test-reporter=tap "${e2e[@]}"
fi

step "summary"
cat "$LOG/summary.txt"
node scripts/pkg-size.mjs
