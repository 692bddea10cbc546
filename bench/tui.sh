#!/usr/bin/env bash
# Benchmarks the interactive session's rendering (in tmux) against `wright -p` on the same streamed answer.
# Not a test: nothing here is asserted. See bench/tui.mjs for what is measured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
"$root/wright.sh" --version >/dev/null
node "$root/bench/tui.mjs" "$@"
