#!/usr/bin/env bash
# Server benchmark: sync pull and push with 32 concurrent keep-alive connections against the
# scaled demo organisation (5,000 employees, 50,000 spells), beside the minimal cpp-httplib
# handler, in the same run. Prints one JSON line per scenario.
#   [BUILD_DIR=build/native] [SERVER_BIN=...] [PUSH_CURSOR=advance|fixed] \
#     bench/server/server_bench.sh [SECONDS] [CONNECTIONS]
# PUSH_CURSOR=advance (default): each connection sends the cursor its previous push returned,
# like a real client; fixed: the cursor of the start, so push answers grow over the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-32}
build_dir=${BUILD_DIR:-build/native}
bin=$build_dir/bench/server
data=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 400); do curl -fs "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0; sleep 0.05; done; return 1; }

"$bin/naervaer-seed" "$data" 5000 50000 >&2
minimal_port=$(free_port)
"$bin/naervaer-minimal-server" "$minimal_port" 64 >/dev/null &
pids+=($!)
server_port=$(free_port)
"${SERVER_BIN:-$build_dir/server/naervaer-server}" --quiet --port "$server_port" --data-dir "$data" >/dev/null &
pids+=($!)
wait_for "$minimal_port" /api/v1/sync
wait_for "$server_port" /api/v1/health

"$bin/naervaer-load" --port "$minimal_port" --scenario minimal --seconds "$seconds" --connections "$connections"
"$bin/naervaer-load" --port "$server_port" --scenario pull --seconds "$seconds" --connections "$connections"
"$bin/naervaer-load" --port "$server_port" --scenario push --seconds "$seconds" --connections "$connections" \
  --push-cursor "${PUSH_CURSOR:-advance}"
