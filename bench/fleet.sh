#!/usr/bin/env bash
# Benchmarks a Wright fleet (wright serve --cluster): a private PostgreSQL in a temporary directory, aimock as the model,
# then tasks per minute with 1, 2 and 3 nodes, scheduling latency, failover time after kill -9 and memory per node.
# BENCH_TASKS (default 30) and BENCH_PARALLEL (per node, default 2) override. Not a test: nothing here is asserted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
"$root/scripts/build-node.sh"
node "$root/bench/fleet.mjs" "$@"
