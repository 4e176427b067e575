#!/usr/bin/env bash
# README command 2: install what is missing, build, and run every test: doctest suites (shared,
# server, client) through CTest, then the browser tests in Debian's Chromium. Ends with one line
# "tests: N passed, M failed" over both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

ctest --preset native -j 2 2>&1 | tee "$log" || status=1
ctest_total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -n 1)
ctest_failed=$(sed -n 's/.*, \([0-9]*\) tests failed out of.*/\1/p' "$log" | tail -n 1)

mkdir -p tests/e2e/artifacts
(cd tests/e2e && npm test) 2>&1 | tee "$log" || status=1
e2e_passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
e2e_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)

passed=$(( ${ctest_total:-0} - ${ctest_failed:-0} + ${e2e_passed:-0} ))
failed=$(( ${ctest_failed:-0} + ${e2e_failed:-0} ))
# A runner that died before counting still fails the run.
[ "$status" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "tests: $passed passed, $failed failed"
exit "$status"
