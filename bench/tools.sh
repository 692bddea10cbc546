#!/usr/bin/env bash
# Benchmarks Wright's grep, edit_file and apply_patch tools against ripgrep, sed and git apply, and prints tables
# (bench/tools.mjs). Not a test: nothing here is asserted. The tools run in bench/ToolBench, a small console program
# published NativeAOT with the shipped binary's settings (not part of Wright.slnx).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
out="$root/bench/ToolBench/bin/publish"
echo "building bench/ToolBench (NativeAOT)…" >&2
dotnet publish "$root/bench/ToolBench/ToolBench.csproj" -c Release -r linux-x64 -o "$out" --nologo -v quiet >&2
TOOLBENCH_BIN="$out/ToolBench" exec node "$root/bench/tools.mjs" "$@"
