#!/usr/bin/env bash
# Benchmarks `wright serve`: 50 tasks through aimock with --max-parallel 4 (BENCH_TASKS, BENCH_PARALLEL override).
# Prints time to drain the queue, scheduling overhead per task, and peak memory of the server and per running attempt,
# each with a reference from the same invocation. Not a test: nothing here is asserted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
"$root/wright.sh" --version >/dev/null
node "$root/bench/serve.mjs" "$@"
