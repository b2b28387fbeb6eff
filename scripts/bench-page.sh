#!/usr/bin/env bash
# Builds the page, then prints its size and speed figures (scripts/bench-page.mjs). Figures, not assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
node scripts/bench-page.mjs "$@"
