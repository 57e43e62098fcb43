#!/usr/bin/env bash
# Fuzzes snapshot loading and the checks on whatever loads, and the slice
# reader (fuzz/fuzz_targets), each for SECONDS seconds (default 60): `make fuzz SECONDS=600`, and a one-minute
# run in `make test`. Installs cargo-fuzz if missing; the stable toolchain
# builds the targets with RUSTC_BOOTSTRAP=1 when there is no nightly. The
# corpus starts from the sample orgs (www/orgs) and grows in fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SECONDS_TO_RUN=${1:-60}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in load slice; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  cp www/orgs/*.json "$corpus/"
  # No sanitizer (the crate forbids unsafe code), debug assertions on (so an
  # integer overflow is a crash), inputs up to 64 KB.
  log="target/fuzz-$target.log"
  mkdir -p target
  echo "fuzz: $target for ${SECONDS_TO_RUN}s (log: $log)"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --debug-assertions "$target" "$corpus" -- \
    -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -60 "$log"
    echo "fuzz: $target found a crash, a hang or a memory blow-up (the input is under fuzz/artifacts/$target/)"
    exit 1
  fi
  grep -E "^Done|stat::(number_of_executed_units|peak_rss_mb|slowest_unit_time_sec)" "$log"
done
