#!/usr/bin/env bash
# Fuzzes the document reader (and every rule) with cargo-fuzz / libFuzzer.
#
#   scripts/fuzz.sh [SECONDS] [TARGET]      defaults: 600 s, read_document (or parse_amount)
#
# Only stable Rust is available here, so cargo-fuzz's nightly flags (-Z sanitizer, …) are allowed through
# RUSTC_BOOTSTRAP=1. AddressSanitizer is not needed for safe Rust and is off by default (FUZZ_SANITIZER=address to
# try it). The corpus (git-ignored) lives in fuzz/corpus/TARGET and is seeded from fuzz/seeds/TARGET (hand-made
# snippets, committed). Crashes land in fuzz/artifacts/TARGET; minimise one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s none TARGET fuzz/artifacts/TARGET/crash-…
# At the end the script prints the execution count and the duration. FUZZ_KEEP_GOING=1 runs libFuzzer's fork mode
# with crashes, timeouts and OOMs ignored (each still saved in fuzz/artifacts/TARGET), to fuzz past a known crash.
set -euo pipefail

SECONDS_TO_RUN="${1:-600}"
TARGET="${2:-read_document}"
SANITIZER="${FUZZ_SANITIZER:-none}"
JOBS="${FUZZ_JOBS:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz (crates.io)…"
    cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
corpus="fuzz/corpus/$TARGET"
mkdir -p "$corpus" "fuzz/artifacts/$TARGET"
if [ -d "fuzz/seeds/$TARGET" ]; then
    cp -n fuzz/seeds/"$TARGET"/* "$corpus"/ 2>/dev/null || true
fi

echo "building $TARGET (sanitizer: $SANITIZER)…"
cargo fuzz build -s "$SANITIZER" "$TARGET"

log="fuzz/artifacts/$TARGET/last-run.log"
echo "fuzzing $TARGET for $SECONDS_TO_RUN s (log: $log)…"
start=$(date +%s)
touch "$log.start"
set +e
parallel=()
if [ "$JOBS" -gt 1 ]; then
    # Each job logs to fuzz-N.log in the current directory; the stats below then add them up.
    parallel=(-jobs="$JOBS" -workers="$JOBS")
fi
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
    # Fork mode: a crash, timeout or OOM is saved as an artifact and fuzzing goes on (to look past a known crash).
    parallel=(-fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
dict=()
if [ -f "fuzz/$TARGET.dict" ]; then
    dict=(-dict="fuzz/$TARGET.dict")
fi
cargo fuzz run -s "$SANITIZER" "$TARGET" "$corpus" -- "${dict[@]}" \
    "${parallel[@]}" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=30 \
    -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
end=$(date +%s)

tail -n 25 "$log"
echo
execs=$( (cat "$log" fuzz-[0-9]*.log 2>/dev/null || true) | awk '/^stat::number_of_executed_units/ {s += $2} END {print s + 0}')
if [ "$execs" = 0 ]; then
    # no final stats (the run stopped on a crash): the last progress line `#N …` has the count
    execs=$( (grep -E '^#[0-9]+' "$log" || true) | tail -n 1 | sed -E 's/^#([0-9]+).*/\1/')
fi
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
    # fork mode prints `#N: cov: … oom/timeout/crash: a/b/c …` progress lines instead of final stats
    execs=$( (grep -E '^#[0-9]+:' "$log" || true) | tail -n 1 | sed -E 's/^#([0-9]+):.*/\1/')
    (grep -E '^#[0-9]+:' "$log" || true) | tail -n 1 | grep -oE 'oom/timeout/crash: [0-9/]+' || true
fi
mv fuzz-[0-9]*.log "fuzz/artifacts/$TARGET/" 2>/dev/null || true
echo "target: $TARGET   duration: $((end - start)) s   executions: $execs   exit: $status"
crashes=$(find "fuzz/artifacts/$TARGET" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$log.start" | head -20)
if [ -n "$crashes" ]; then
    echo "ARTIFACTS (crash / timeout / oom):"
    echo "$crashes"
fi
exit "$status"
