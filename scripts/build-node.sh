#!/usr/bin/env bash
# Builds dist/wright-node/ (the fleet node: framework-dependent, ReadyToRun; Orleans is not NativeAOT-compatible) when
# any source is newer than it. Prints nothing on success; the node is started as dist/wright-node/wright-node.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/dist/wright-node"
bin="$out/wright-node"

stale() {
  [ -x "$bin" ] || return 0
  [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.sql' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -newer "$bin" -print -quit)" ]
}

if stale; then
  echo "building dist/wright-node (framework-dependent, ReadyToRun)…" >&2
  publish="$root/dist/.publish-node"
  rm -rf "$publish"
  dotnet publish "$root/src/Wright.Node/Wright.Node.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$publish" --nologo -v quiet >&2
  rm -rf "$out.tmp" && mv "$publish" "$out.tmp" && rm -rf "$out" && mv "$out.tmp" "$out"
fi
