#!/usr/bin/env bash
# Start-up and memory of one or more builds of dist/wright against Codex's native binary, interleaved run by run
# (bench/startup.mjs; arguments: label=path[+NAME=value…], default dist/wright). Not a test: nothing is asserted.
#   bench/startup.sh main=/tmp/wright-main new=dist/wright
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
[ $# -gt 0 ] || "$root/wright.sh" --version >/dev/null
CODEX_BIN="$("$root/bench/codex.sh")"
export CODEX_BIN
exec node "$root/bench/startup.mjs" "$@"
