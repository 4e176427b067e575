#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the portal with the demo
# organisation on http://127.0.0.1:8080 (flags and NAERVAER_* variables change port, address and
# data folder; see docs/configuration.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec build/native/server/naervaer-server --demo --web-root build/wasm/web "$@"
