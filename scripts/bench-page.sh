#!/usr/bin/env bash
# Builds the page and the release CLI, then prints their size and speed figures (scripts/bench-page.mjs: sizes,
# the sample, the 25-page PDF in the browser and natively). Figures, not assertions.
#   scripts/bench-page.sh [--loads N] [--pdf-runs N] [--only sizes,sample,pdf]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
cargo build --quiet --release --bin fiscal-lint
node scripts/bench-page.mjs "$@"
