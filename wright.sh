#!/usr/bin/env bash
# Builds the NativeAOT binary dist/wright when any source is newer than it, then runs it with the given arguments.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$root/dist/wright"

stale() {
  [ -x "$bin" ] || return 0
  [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.md' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.c' -o -name '*.order' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -newer "$bin" -print -quit)" ]
}

# A fleet node (serve --cluster …, WRIGHT_CLUSTER, or fleet.cluster in $WRIGHT_HOME/config.json) and the fleet's commands
# run dist/wright-node: Orleans cannot be compiled ahead of time, so the node is its own framework-dependent program
# (see docs/fleet.md). The config check here only decides what to build; dist/wright decides for real (FleetNodeLauncher).
if [ "${1:-}" = serve ] && { [ -n "${WRIGHT_CLUSTER:-}" ] || grep -qs '"cluster"' "${WRIGHT_HOME:-$HOME/.wright}/config.json"; }; then
  "$root/scripts/install-deps.sh" build
  "$root/scripts/build-node.sh"
fi
case " $* " in
  *" serve "*"--cluster"*|*" fleet "*)
    "$root/scripts/install-deps.sh" build
    "$root/scripts/build-node.sh"
    exec "$root/dist/wright-node/wright-node" "$@" ;;
esac
case "${1:-}" in
  fleet) "$root/scripts/build-node.sh"; exec "$root/dist/wright-node/wright-node" "$@" ;;
esac

if stale; then
  "$root/scripts/install-deps.sh" build
  echo "building dist/wright (NativeAOT)…" >&2
  publish="$root/dist/.publish"
  rm -rf "$publish"
  eval "$("$root/scripts/version.sh")"   # WRIGHT_VERSION, WRIGHT_COMMIT, WRIGHT_BUILD_DATE: `wright --version`
  dotnet publish "$root/src/Wright.Cli/Wright.Cli.csproj" -c Release -r linux-x64 -o "$publish" --nologo -v quiet \
    -p:WrightVersion="$WRIGHT_VERSION" -p:WrightCommit="$WRIGHT_COMMIT" -p:WrightBuildDate="$WRIGHT_BUILD_DATE" >&2
  mkdir -p "$root/dist"
  cp "$publish/wright" "$bin.tmp" && mv -f "$bin.tmp" "$bin"
fi

exec "$bin" "$@"
