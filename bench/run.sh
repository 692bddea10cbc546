#!/usr/bin/env bash
# Benchmarks dist/wright against aimock on loopback and prints a table, then the 200-step long run against Codex
# (bench/steps.sh; BENCH_LONG=0 skips it), then the tools against ripgrep, sed and git apply (bench/tools.sh;
# BENCH_TOOLS=0 skips them). Not a test: nothing here is asserted.
# Figures are shown with a ratio to a reference run made in the same invocation, so machine noise cancels out.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
"$root/wright.sh" --version >/dev/null
if [ ! -d "$root/bench/node/node_modules/js-tiktoken" ]; then
  (cd "$root/bench/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
CODEX_BIN="$("$root/bench/codex.sh")"
export CODEX_BIN
node "$root/bench/bench.mjs" "$@"
if [ "${BENCH_LONG:-1}" != 0 ]; then
  echo
  node "$root/bench/steps.mjs"
fi
if [ "${BENCH_TOOLS:-1}" != 0 ]; then
  echo
  "$root/bench/tools.sh"
fi
