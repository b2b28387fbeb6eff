#!/usr/bin/env bash
# Builds the page: pkg/ (wasm-bindgen --target web ES modules a portal can import: the core, and the formats module
# with the PDF/Office readers) and dist/fiscal-lint.html (one self-contained file: JS, CSS, both wasm modules and the
# built-in sample inlined; works from file://).
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

# 3. Two release wasm modules (opt-level s, LTO: see Cargo.toml; panic = abort set here
#    rather than in [profile.release], where it made `cargo bench` build the library twice), each in its own target directory
#    so neither rebuild undoes the other:
#    - core (`--no-default-features`): text, pasted tables, text laid out with spaces. The page loads only this at
#      first; pkg/fiscal_lint.js is its ES module for embedders.
#    - formats (`--no-default-features --features formats`): everything, the PDF and Office readers included.
#      Neither module has the `gb18030` feature: GBK text is decoded by the browser's TextDecoder (src/faces/wasm.rs).
#      The page loads it only when such a file arrives; pkg/fiscal_lint_formats.js is its ES module.
say "cargo build --release --lib --target wasm32-unknown-unknown --no-default-features  (core)"
CARGO_PROFILE_RELEASE_PANIC=abort cargo build --release --lib --target wasm32-unknown-unknown --no-default-features --target-dir target/wasm-core
say "cargo build --release --lib --target wasm32-unknown-unknown --no-default-features --features formats  (formats)"
CARGO_PROFILE_RELEASE_PANIC=abort cargo build --release --lib --target wasm32-unknown-unknown --no-default-features --features formats --target-dir target/wasm-formats
CORE_WASM=target/wasm-core/wasm32-unknown-unknown/release/fiscal_lint.wasm
FORMATS_WASM=target/wasm-formats/wasm32-unknown-unknown/release/fiscal_lint.wasm

# 4. wasm-bindgen → pkg/ (generated; only pkg/README.md is committed). For each module: the ES module (--target
#    web) for embedders, and the same glue built --target no-modules (global `wasm_bindgen`) for the page's worker,
#    which must be a classic script (module workers from blob: URLs do not start on file://). The two targets' wasm
#    files are identical; that is checked.
mkdir -p pkg
rm -f pkg/fiscal_lint*.js pkg/fiscal_lint*.d.ts pkg/fiscal_lint*.wasm
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
bindgen() { # $1 wasm, $2 out name
  say "wasm-bindgen --target web --out-name $2 (and --target no-modules)"
  wasm-bindgen --target web --out-dir pkg --out-name "$2" "$1"
  wasm-bindgen --target no-modules --out-dir "$TMP" --out-name "$2" "$1"
  if ! cmp -s "$TMP/$2_bg.wasm" "pkg/$2_bg.wasm"; then
    echo "build.sh: wasm-bindgen --target web and --target no-modules produced different wasm ($2)" >&2
    exit 1
  fi
  cp "$TMP/$2.js" "pkg/$2_classic.js"
}
bindgen "$CORE_WASM" fiscal_lint
bindgen "$FORMATS_WASM" fiscal_lint_formats

# 5. wasm-opt from npm's binaryen (≥ 117; Debian's wasm-opt 108 breaks wasm-bindgen output, never use it).
WASM_OPT=node_modules/.bin/wasm-opt
if [ -z "${FL_NO_OPT:-}" ] && [ -x "$WASM_OPT" ]; then
  V=$("$WASM_OPT" --version | grep -o '[0-9]\+' | head -1)
  if [ "${V:-0}" -ge 117 ]; then
    for W in pkg/fiscal_lint_bg.wasm pkg/fiscal_lint_formats_bg.wasm; do
      say "wasm-opt -Os $W (binaryen $V, npm)"
      "$WASM_OPT" -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$W" -o "$W.opt"
      mv "$W.opt" "$W"
    done
  fi
else
  say "wasm-opt skipped (run 'npm ci' for npm's binaryen)"
fi

# 6. The single self-contained file.
say "dist/fiscal-lint.html"
[ -n "${FL_NO_SINGLE:-}" ] || node scripts/build-single.mjs
