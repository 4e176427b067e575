#!/usr/bin/env bash
# Builds the server, the tests (native, release) and the browser client (wasm). Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

cmake --preset native >/dev/null
cmake --build --preset native -j "$jobs"

# Debian's Emscripten needs Debian's acorn, which node does not find on its own.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"
