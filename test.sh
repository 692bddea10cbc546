#!/usr/bin/env bash
# Installs what the tests need (idempotently), builds dist/wright, runs every test, and ends with one line:
# "N passed, N failed[, N skipped]".
#
# Two groups run side by side: the release group ([Trait("Group", "release")]: scripts/release.sh's artifacts,
# cross-compiled and cached in dist/.release-cache, checked under qemu, in a minimal root, through npm, the .NET tool
# and install.sh) and everything else. With arguments (e.g. `./test.sh -- --filter-class '*Foo*'`) one run takes them.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

fail_line() { echo "0 passed, 1 failed"; exit 1; }

"$root/scripts/install-deps.sh" all || { echo "dependency installation failed" >&2; fail_line; }
"$root/wright.sh" --version >/dev/null || { echo "building dist/wright failed" >&2; fail_line; }
"$root/scripts/build-node.sh" || { echo "building dist/wright-node failed" >&2; fail_line; }

main_log="$(mktemp)"
release_log="$(mktemp)"
release_pid=""
cleanup() {
  [ -n "$release_pid" ] && kill -- "-$release_pid" 2>/dev/null
  rm -f "$main_log" "$release_log"
}
trap cleanup EXIT
export WRIGHT_BIN="$root/dist/wright"
export WRIGHT_NODE_BIN="$root/dist/wright-node/wright-node"
project=(--project "$root/tests/Wright.Tests" --no-progress)

# summary LOG STATUS -> "passed failed skipped", or nothing when the run printed no summary
summary() {
  local total failed passed skipped
  total=$(sed -n 's/^[[:space:]]*total:[[:space:]]*\([0-9]*\).*/\1/p' "$1" | tail -1)
  failed=$(sed -n 's/^[[:space:]]*failed:[[:space:]]*\([0-9]*\).*/\1/p' "$1" | tail -1)
  passed=$(sed -n 's/^[[:space:]]*succeeded:[[:space:]]*\([0-9]*\).*/\1/p' "$1" | tail -1)
  skipped=$(sed -n 's/^[[:space:]]*skipped:[[:space:]]*\([0-9]*\).*/\1/p' "$1" | tail -1)
  [ -n "$total" ] && [ -n "$passed" ] && [ -n "$failed" ] || return 1
  if [ "$2" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1   # the runner failed without a failing test (crash, build error, no test ran): never report green
  fi
  echo "$passed $failed ${skipped:-0}"
}

if [ $# -gt 0 ]; then
  dotnet test "${project[@]}" "$@" 2>&1 | tee "$main_log"
  status=${PIPESTATUS[0]}
  counts="$(summary "$main_log" "$status")" || { echo "the test run produced no summary (exit $status)" >&2; fail_line; }
else
  dotnet build "$root/tests/Wright.Tests" --nologo -v quiet >&2 || { echo "building the tests failed" >&2; fail_line; }
  # The release group in its own process group (so an interrupted run ends it), its output shown when it ends.
  set -m
  dotnet test "${project[@]}" --no-build -- --filter-trait "Group=release" >"$release_log" 2>&1 &
  release_pid=$!
  set +m
  dotnet test "${project[@]}" --no-build -- --filter-not-trait "Group=release" 2>&1 | tee "$main_log"
  main_status=${PIPESTATUS[0]}
  wait "$release_pid"
  release_status=$?
  release_pid=""
  echo "--- release group (scripts/release.sh artifacts; build log: dist/.release-test.log) ---"
  cat "$release_log"
  main_counts="$(summary "$main_log" "$main_status")" || { echo "the test run produced no summary (exit $main_status)" >&2; fail_line; }
  release_counts="$(summary "$release_log" "$release_status")" || { echo "the release group produced no summary (exit $release_status)" >&2; fail_line; }
  read -r p1 f1 s1 <<<"$main_counts"
  read -r p2 f2 s2 <<<"$release_counts"
  counts="$((p1 + p2)) $((f1 + f2)) $((s1 + s2))"
fi

read -r passed failed skipped <<<"$counts"
line="$passed passed, $failed failed"
[ "${skipped:-0}" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
