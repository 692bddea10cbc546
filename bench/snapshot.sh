#!/usr/bin/env bash
# Measures workspace rewind snapshots (src/Wright.Sessions/Rewind) on a large tree and prints a table. Not a test:
# nothing is asserted. Each figure comes with a reference measured in the same run (plain git on the same tree, cp -r).
# The tree is generated once (20,000 files, ~200 MB) at $WRIGHT_BENCH_TREE (default /tmp/wright-bench-tree) and
# reused; set WRIGHT_BENCH_SOURCE=dir to copy a real tree instead (e.g. "$(dirname "$(readlink -f "$(which dotnet)")")").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v git >/dev/null || { echo "git is needed" >&2; exit 2; }
dotnet build "$root/bench/SnapshotBench" -c Release -v q --nologo >/dev/null
exec dotnet "$root/bench/SnapshotBench/bin/Release/net10.0/SnapshotBench.dll" "$@"
