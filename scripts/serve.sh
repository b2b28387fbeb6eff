#!/usr/bin/env bash
# Builds the page (scripts/build.sh), then serves the repository on http://localhost:PORT (python3 -m http.server)
# and prints where to go: www/ (uses ../pkg) and the single file dist/fiscal-lint.html (also works from disk).
#   scripts/serve.sh [PORT]        default port 8000 (or $PORT)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-${PORT:-8000}}"
scripts/build.sh
cat <<MSG

  fiscal-lint page / 核对页面:   http://localhost:${PORT}/www/
  built-in sample / 内置示例:     http://localhost:${PORT}/www/?sample
  embedding example / 嵌入示例:  http://localhost:${PORT}/www/embed-example.html
  single file / 单文件版:        $(pwd)/dist/fiscal-lint.html   (open it from disk, or http://localhost:${PORT}/dist/fiscal-lint.html)

  Ctrl-C stops the server.
MSG
exec python3 -m http.server "$PORT" --bind 127.0.0.1
