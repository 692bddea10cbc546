#!/usr/bin/env bash
# Prints the path of Codex's native binary for the benchmarks' reference runs, installing it from the npm registry
# (@openai/codex, its linux-x64 package) into bench/codex/ — a bench-only folder outside the build — on first use.
# CODEX_BIN, when set, wins (empty: no Codex reference). Prints nothing when it cannot be had.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${CODEX_BIN+set}" ]; then echo "$CODEX_BIN"; exit 0; fi
find_bin() { find "$root/bench/codex/node_modules/@openai" -path '*x86_64-unknown-linux-musl/bin/codex' -type f 2>/dev/null | head -1; }
bin="$(find_bin)"
if [ -z "$bin" ] && [ "$(uname -m)" = x86_64 ]; then
  echo "installing Codex's native binary into bench/codex (npm @openai/codex@0.171.0)…" >&2
  mkdir -p "$root/bench/codex"
  (cd "$root/bench/codex" && npm install --no-audit --no-fund --loglevel=error --no-save --prefix . @openai/codex@0.171.0 >&2) || true
  bin="$(find_bin)"
fi
echo "$bin"
