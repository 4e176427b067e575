#!/usr/bin/env bash
# README command 2: install what is missing, build, and run every test: doctest suites (shared,
# server, client) through CTest, then the browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh

status=0
ctest --preset native -j 2 || status=1

mkdir -p tests/e2e/artifacts
(cd tests/e2e && npm test) || status=1

if [ "$status" = 0 ]; then echo "All test suites passed."; else echo "Some tests FAILED." >&2; fi
exit "$status"
