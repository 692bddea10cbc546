#!/usr/bin/env bash
# Prints the version stamp of a build as shell assignments (WRIGHT_VERSION, WRIGHT_COMMIT, WRIGHT_BUILD_DATE), for
# wright.sh and scripts/release.sh. Each value may be given in the environment instead.
#
# The version comes from git tags named vMAJOR.MINOR.PATCH[-PRERELEASE]:
#   HEAD is the tagged commit          -> 0.2.0
#   N commits after the tag v0.2.0     -> 0.2.1-dev.N (after the tag, before the next release)
#   N commits after v0.3.0-rc.1        -> 0.3.0-rc.1.dev.N
#   no tag (or a shallow clone)        -> <Version of Wright.Cli.csproj>-dev.N, N = commits reachable from HEAD
# The build date is SOURCE_DATE_EPOCH when set (release.sh sets it to the commit's time, so rebuilding a commit gives
# the same stamp), else now. The commit gets "-dirty" when tracked files have uncommitted changes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="${WRIGHT_VERSION_REPO:-$root}"   # tests point this at a scratch repository

git_() { git -C "$repo" "$@"; }

if [ -z "${WRIGHT_VERSION:-}" ]; then
  if describe="$(git_ describe --tags --long --match 'v[0-9]*' 2>/dev/null)"; then
    # v0.2.0-5-gabc1234 -> tag v0.2.0, distance 5 (the tag itself may contain dashes)
    rest="${describe%-g*}"
    distance="${rest##*-}"
    tag="${rest%-*}"
    base="${tag#v}"
    if ! [[ "$base" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
      echo "version.sh: tag $tag is not vMAJOR.MINOR.PATCH[-PRERELEASE]" >&2
      exit 1
    fi
    if [ "$distance" = 0 ]; then
      WRIGHT_VERSION="$base"
    elif [[ "$base" == *-* ]]; then
      WRIGHT_VERSION="$base.dev.$distance"
    else
      IFS=. read -r major minor patch <<<"$base"
      WRIGHT_VERSION="$major.$minor.$((patch + 1))-dev.$distance"
    fi
  else
    base="$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' "$root/src/Wright.Cli/Wright.Cli.csproj" | head -1)"
    count="$(git_ rev-list --count HEAD 2>/dev/null || echo 0)"
    WRIGHT_VERSION="${base:-0.0.0}-dev.$count"
  fi
fi

if [ -z "${WRIGHT_COMMIT:-}" ]; then
  WRIGHT_COMMIT="$(git_ rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
  if [ "$WRIGHT_COMMIT" != unknown ] && ! git_ diff --quiet HEAD -- 2>/dev/null; then
    WRIGHT_COMMIT="$WRIGHT_COMMIT-dirty"
  fi
fi

if [ -z "${WRIGHT_BUILD_DATE:-}" ]; then
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    WRIGHT_BUILD_DATE="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
  else
    WRIGHT_BUILD_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  fi
fi

printf 'WRIGHT_VERSION=%q\nWRIGHT_COMMIT=%q\nWRIGHT_BUILD_DATE=%q\n' "$WRIGHT_VERSION" "$WRIGHT_COMMIT" "$WRIGHT_BUILD_DATE"
