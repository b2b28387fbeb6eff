#!/usr/bin/env bash
# Builds the page: pkg/ (wasm-bindgen --target web, an ES module a portal can import) and
# dist/fiscal-lint.html (one self-contained file: JS, CSS, wasm and the built-in sample inlined; works from file://).
#
#   scripts/build.sh            build everything
#   FL_NO_OPT=1 scripts/build.sh  skip wasm-opt even when npm's binaryen is installed
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# 1. The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli of exactly the version of the wasm-bindgen crate in Cargo.lock.
WBG_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WBG_VERSION" ]; then
  echo "build.sh: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
HAVE=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$HAVE" != "$WBG_VERSION" ]; then
  say "cargo install wasm-bindgen-cli --version $WBG_VERSION (found: ${HAVE:-none})"
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# 3. The release wasm (opt-level s, LTO: see Cargo.toml). Panics abort: set here rather than in [profile.release],
# where it made `cargo bench` build the library twice (wasm32-unknown-unknown aborts on panic anyway).
say "cargo build --release --lib --target wasm32-unknown-unknown (panic = abort)"
CARGO_PROFILE_RELEASE_PANIC=abort cargo build --release --lib --target wasm32-unknown-unknown
WASM=target/wasm32-unknown-unknown/release/fiscal_lint.wasm

# 4. wasm-bindgen → pkg/ (generated; only pkg/README.md is committed).
say "wasm-bindgen --target web --out-dir pkg"
mkdir -p pkg
rm -f pkg/fiscal_lint.js pkg/fiscal_lint_classic.js pkg/fiscal_lint.d.ts pkg/fiscal_lint_bg.wasm pkg/fiscal_lint_bg.wasm.d.ts
wasm-bindgen --target web --out-dir pkg "$WASM"
# The page's worker is a classic script (module workers from blob: URLs do not start on file://), so it takes the
# no-modules glue (global `wasm_bindgen`) for the same wasm: the two targets' wasm files are identical.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
wasm-bindgen --target no-modules --out-dir "$TMP" "$WASM"
if ! cmp -s "$TMP/fiscal_lint_bg.wasm" pkg/fiscal_lint_bg.wasm; then
  echo "build.sh: wasm-bindgen --target web and --target no-modules produced different wasm" >&2
  exit 1
fi
cp "$TMP/fiscal_lint.js" pkg/fiscal_lint_classic.js

# 5. Optional: wasm-opt from npm's binaryen (≥ 117; Debian's wasm-opt 108 breaks wasm-bindgen output, never use it).
WASM_OPT=node_modules/.bin/wasm-opt
if [ -z "${FL_NO_OPT:-}" ] && [ -x "$WASM_OPT" ]; then
  V=$("$WASM_OPT" --version | grep -o '[0-9]\+' | head -1)
  if [ "${V:-0}" -ge 117 ]; then
    say "wasm-opt -Os (binaryen $V, npm)"
    "$WASM_OPT" -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      pkg/fiscal_lint_bg.wasm -o pkg/fiscal_lint_bg.wasm.opt
    mv pkg/fiscal_lint_bg.wasm.opt pkg/fiscal_lint_bg.wasm
  fi
else
  say "wasm-opt skipped (run 'npm ci' for npm's binaryen)"
fi

# 6. The single self-contained file.
say "dist/fiscal-lint.html"
node scripts/build-single.mjs
