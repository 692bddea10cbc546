#!/usr/bin/env bash
# Regenerates src/Wright.Cli/startup.order, the ILC order file (IlcOrderFile in Wright.Cli.csproj): the managed methods
# `wright --version`, `--help` and a one-shot headless turn through aimock run, in the order they first run, traced
# under valgrind (bench/order.mjs). The compiler lays them out first and together, so a start faults in fewer pages of
# code. Names the order does not know (new methods) are laid out after it as before: a stale order costs only speed.
# Run after changes to what a start runs, then rebuild (./wright.sh). x86-64 only (the order applies to every target).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" all
command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
"$root/wright.sh" --version >/dev/null
obj="$root/src/Wright.Cli/obj/Release/net10.0/linux-x64/native/wright.o"
[ "$obj" -nt "$root/dist/wright" ] && { echo "order.sh: $obj is newer than dist/wright; rebuild first" >&2; exit 1; }
exec node "$root/bench/order.mjs" "$root/dist/wright" "$obj" "$root/src/Wright.Cli/startup.order"
