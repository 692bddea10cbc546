#!/usr/bin/env bash
# What each assembly (or, with --namespaces, namespace) contributes to dist/wright: publishes the binary once more
# with -p:IlcGenerateMstatFile=true into bench/SizeReport/publish and reads the .mstat with bench/SizeReport
# (sizoscope's data, as a table). Not a test: nothing here is asserted. Other views (arguments go to SizeReport):
# --types (type data only), --by-argument (an instantiation is charged to the type it is over: JsonTypeInfo<Foo>
# counts for Foo), --by-definition (by generic definition), --detail NAME (with --by-argument), --blobs (data nodes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" build
out="$root/bench/SizeReport/publish"
echo "publishing dist/wright with an mstat file…" >&2
dotnet publish "$root/src/Wright.Cli/Wright.Cli.csproj" -c Release -r linux-x64 -o "$out" --nologo -v quiet -p:IlcGenerateMstatFile=true >&2
mstat="$(find "$root/src/Wright.Cli/obj/Release" -name 'wright.mstat' -newer "$root/src/Wright.Cli/Wright.Cli.csproj" | head -1)"
echo "binary: $(stat -c %s "$out/wright" | awk '{printf "%.1f MB", $1/1048576}')"
dotnet run --project "$root/bench/SizeReport" -c Release -v q -- "$mstat" "$@"
