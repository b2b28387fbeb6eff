#!/usr/bin/env bash
# Every test: cargo tests, browser tests of the wasm binding, end-to-end tests of the page in Debian chromium.
# Installs what a fresh Debian machine with Rust, node and npm lacks: chromium + chromedriver and poppler-utils
# (pdftotext, for tests/layout_text.rs) (apt), the wasm32
# target, wasm-bindgen-cli of the version in Cargo.lock, npm packages (playwright-core, binaryen) from
# package-lock.json. Needs ../shared beside the repository (the e2e tests read the real seed sample there).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# 1. What a fresh machine lacks.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "apt-get install chromium chromium-driver"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
fi
if ! command -v pdftotext >/dev/null; then
  say "apt-get install poppler-utils (pdftotext)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends poppler-utils
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/binaryen ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi
if [ ! -d ../shared/samples ]; then
  echo "test.sh: ../shared (the project's shared samples) must be beside the repository" >&2
  exit 1
fi

# 2. The build (also ensures the wasm target and a version-matched wasm-bindgen-cli).
scripts/build.sh

# 3. cargo tests (all).
say "cargo test"
cargo test

# 4. The wasm binding in the browser (wasm-bindgen-test, run_in_browser, chromedriver).
say "cargo test --target wasm32-unknown-unknown --test wasm --no-default-features --features formats (chromium via chromedriver)"
CHROMEDRIVER=/usr/bin/chromedriver \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test wasm --no-default-features --features formats

# 5. End-to-end tests of the page (node's test runner, playwright-core, Debian chromium).
say "node --test tests/e2e/"
cargo build --bin fiscal-lint
node --test --test-concurrency=1 tests/e2e/
