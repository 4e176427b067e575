#!/usr/bin/env bash
# Runs every benchmark on the current build (scripts/build.sh first) and prints the figures the
# README reports. Results are also kept as JSON under bench/results/ (ignored by git).
#   bench/run.sh [SERVER_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)

echo "== client: download, first frame, idle frames"
(cd tests/e2e && node ../../bench/client/client_bench.mjs --runs 5) | tee "bench/results/client-$stamp.json"

echo "== client: every case timeline and alert of 5,000 employees / 50,000 spells, in the browser"
(cd tests/e2e && node ../../bench/client/todos_bench.mjs --runs 5) | tee "bench/results/todos-$stamp.json"

echo "== server: sync pull and push, 32 connections, beside a minimal handler"
bench/server/server_bench.sh "${1:-10}" 32 | tee "bench/results/server-$stamp.jsonl"
