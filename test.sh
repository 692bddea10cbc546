#!/usr/bin/env bash
# Installs what the tests need (idempotently), builds dist/wright, runs every test, and ends with one line:
# "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

fail_line() { echo "0 passed, 1 failed"; exit 1; }

"$root/scripts/install-deps.sh" all || { echo "dependency installation failed" >&2; fail_line; }
"$root/wright.sh" --version >/dev/null || { echo "building dist/wright failed" >&2; fail_line; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export WRIGHT_BIN="$root/dist/wright"
dotnet test --project "$root/tests/Wright.Tests" --no-progress "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

total=$(sed -n 's/^[[:space:]]*total:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -1)
failed=$(sed -n 's/^[[:space:]]*failed:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -1)
passed=$(sed -n 's/^[[:space:]]*succeeded:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -1)
skipped=$(sed -n 's/^[[:space:]]*skipped:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -1)

if [ -z "$total" ] || [ -z "$passed" ] || [ -z "$failed" ]; then
  echo "the test run produced no summary (exit $status)" >&2
  fail_line
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the runner failed without a failing test (crash, build error): never report green
fi

line="$passed passed, $failed failed"
[ "${skipped:-0}" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
