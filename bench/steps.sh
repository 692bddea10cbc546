#!/usr/bin/env bash
# The long-run benchmark (bench/steps.mjs): a 200-step headless task through aimock, Wright in its headless default
# (auto: sandbox and checkpoints on) against Codex's native binary (bench/codex.sh) in the same invocation. Not a
# test: nothing here is asserted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
"$root/wright.sh" --version >/dev/null
CODEX_BIN="$("$root/bench/codex.sh")"
export CODEX_BIN
exec node "$root/bench/steps.mjs" "$@"
