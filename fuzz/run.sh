#!/usr/bin/env bash
# Runs one fuzz target with cargo-fuzz/libFuzzer on stable Rust (RUSTC_BOOTSTRAP=1 lets the
# stable compiler take the -Z / sancov flags cargo-fuzz passes).
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
# DEBUG_ASSERTIONS=1 builds with debug assertions and overflow checks (as `cargo test` does),
# logging to fuzz/logs/TARGET-a.log.
# New corpus entries go to fuzz/corpus/TARGET, crashes to fuzz/artifacts/TARGET, the log to
# fuzz/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=$2
shift 2
case $target in
  interior | artwork) seeds=seeds/pdf dict=dict/pdf.dict max_len=262144 ;;
  stock | manifest) seeds=seeds/$target dict=dict/toml.dict max_len=16384 ;;
  jpeg | png) seeds=seeds/$target dict=dict/$target.dict max_len=1048576 ;;
  *) seeds=seeds/$target dict="" max_len=256 ;;
esac
mkdir -p "corpus/$target" logs
cargo_flags=(--sanitizer none -O)
log=logs/$target.log
if [ -n "${DEBUG_ASSERTIONS:-}" ]; then
  cargo_flags+=(-a)
  log=logs/$target-a.log
fi
flags=(-max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len="$max_len"
  -print_final_stats=1 -report_slow_units=1)
[ -n "$dict" ] && flags+=(-dict="$dict")
RUSTC_BOOTSTRAP=1 cargo fuzz run "${cargo_flags[@]}" "$target" "corpus/$target" "$seeds" \
  -- "${flags[@]}" "$@" 2>&1 | tee "$log" |
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^#[0-9]+: |^(==|stat::|fuzz:|SUMMARY|Done)|panicked|allocation' |
  tail -20 || true
echo "log: fuzz/$log; findings: $(ls "artifacts/$target" 2>/dev/null | grep -vc '^minimized' || true)"
