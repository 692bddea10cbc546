#!/usr/bin/env bash
# Builds a release into dist/release/ (or --out DIR), on demand (not in every CI run):
#   wright-ASSET.tar.gz      the NativeAOT binary with README.md and LICENSE, for each asset:
#                              linux-x64         glibc, dynamically linked (Debian 12 and newer, Ubuntu 22.04 and newer, …)
#                              linux-arm64       glibc, cross-compiled with Debian's aarch64 toolchain
#                              linux-x64-static  one static executable (glibc and OpenSSL linked in): Alpine and other
#                                                musl systems, and old distributions. (A musl-linked NativeAOT build needs
#                                                the linux-musl-x64 NativeAOT packs, which the NuGet feed here lacks.)
#   release.json             version, commit, date and each asset's file, SHA-256 and size (what `wright update` reads)
#   SHA256SUMS               every file of the release
#   wright.cdx.json          the CycloneDX SBOM of the NuGet dependencies (CycloneDX's dotnet tool)
#   install.sh               the one-line installer, with this release's URL as its default
#   npm/*.tgz                @wright-agent/wright (the launcher) and one package per asset (esbuild/Codex style)
#   nuget/*.nupkg            the .NET tool `wright`: a NativeAOT package per runtime identifier and the pointer package
#
# Options: --out DIR, --assets "linux-x64 linux-arm64 linux-x64-static", --release-url URL (the folder URL the assets
# will be served from; stamped into the binaries for `wright update` and into install.sh), --no-packages (tarballs,
# manifest, sums and SBOM only). The stamp comes from scripts/version.sh (git tags); WRIGHT_VERSION, WRIGHT_COMMIT and
# WRIGHT_BUILD_DATE override it; SOURCE_DATE_EPOCH defaults to the commit's time, so the stamp and the tarballs of a
# commit are the same on every rebuild.
#
# Each asset's build is cached in dist/.release-cache/ under a key of its inputs (sources, stamp, toolchain): a second
# run with unchanged sources reuses the binaries and packages instead of compiling again (cross-compiling is slow).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

out="$root/dist/release"
assets="linux-x64 linux-arm64 linux-x64-static"
release_url="${WRIGHT_RELEASE_URL:-https://github.com/wright-agent/wright/releases/latest/download}"
packages=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --assets) assets="$2"; shift 2 ;;
    --release-url) release_url="$2"; shift 2 ;;
    --no-packages) packages=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for asset in $assets; do
  case "$asset" in linux-x64|linux-arm64|linux-x64-static) ;; *) echo "release.sh: unknown asset $asset" >&2; exit 2 ;; esac
done

log() { echo "release: $*" >&2; }

"$root/scripts/install-deps.sh" release
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
eval "$("$root/scripts/version.sh")"
export WRIGHT_VERSION WRIGHT_COMMIT WRIGHT_BUILD_DATE
log "Wright $WRIGHT_VERSION (commit $WRIGHT_COMMIT, built $WRIGHT_BUILD_DATE) -> $out"

cache="$root/dist/.release-cache"
mkdir -p "$cache" "$out"
# A release directory holds one release: what an earlier run left there goes.
rm -rf "$out"/wright-*.tar.gz "$out"/release.json "$out"/SHA256SUMS "$out"/wright.cdx.json "$out"/install.sh "$out"/npm "$out"/nuget

# --- inputs of a build, for the cache key -------------------------------------------------------------------------
sources_hash() {
  {
    find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" "$root/LICENSE" \
      "$root/README.md" "$root/scripts/release.sh" "$root/scripts/release" \
      -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.md' -o -name '*.sh' \
      -o -name '*.mjs' -o -name '*.js' -o -name '*.c' -o -name '*.order' -o -name 'LICENSE' \) -not -path '*/bin/*' -not -path '*/obj/*' -print0 \
      | sort -z | xargs -0 sha256sum | sed "s|  $root/|  |"
    dotnet --version
    clang --version | head -1
  } | sha256sum | cut -c1-32
}
src_hash="$(sources_hash)"
stamp="$WRIGHT_VERSION|$WRIGHT_COMMIT|$release_url"

# --- SQLite for the cross targets ------------------------------------------------------------------------------------
# linux-x64 links Debian's libsqlite3.a (as dist/wright does). For arm64, SQLite's amalgamation is compiled with the
# aarch64 toolchain; the amalgamation comes from the better-sqlite3 npm package (deps/sqlite3), pinned by integrity.
sqlite_npm="better-sqlite3@12.9.0"
sqlite_integrity="sha512-wqUv4Gm3toFpHDQmaKD4QhZm3g1DjUBI0yzS4UBl6lElUmXFYdTQmmEDpAFa5o8FiFiymURypEnfVHzILKaxqQ=="
sqlite_flags=(-O2 -fPIC -DSQLITE_THREADSAFE=1 -DSQLITE_USE_URI=1 -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_DBSTAT_VTAB
  -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_FTS3_TOKENIZER -DSQLITE_ENABLE_FTS4
  -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_RTREE
  -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_LIKE_DOESNT_MATCH_BLOBS
  -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_SECURE_DELETE -DSQLITE_SOUNDEX
  -DSQLITE_DEFAULT_RECURSIVE_TRIGGERS)   # Debian's options (strings /usr/lib/x86_64-linux-gnu/libsqlite3.a)
sqlite_arm64() {
  local dir="$cache/sqlite-arm64-${sqlite_npm#*@}"
  if [ ! -f "$dir/libsqlite3.a" ]; then
    log "compiling SQLite for linux-arm64 (from $sqlite_npm)"
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    (cd "$dir.tmp" && npm pack "$sqlite_npm" --silent >/dev/null)
    local tgz
    tgz="$(ls "$dir.tmp"/*.tgz)"
    local actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
    if [ "$actual" != "$sqlite_integrity" ]; then
      echo "release.sh: $sqlite_npm does not match its pinned integrity ($actual)" >&2
      exit 1
    fi
    tar -xzf "$tgz" -C "$dir.tmp" package/deps/sqlite3
    clang --target=aarch64-linux-gnu "${sqlite_flags[@]}" -c "$dir.tmp/package/deps/sqlite3/sqlite3.c" -o "$dir.tmp/sqlite3.o"
    aarch64-linux-gnu-ar rcs "$dir.tmp/libsqlite3.a" "$dir.tmp/sqlite3.o"
    rm -rf "$dir" && mkdir -p "$dir" && mv "$dir.tmp/libsqlite3.a" "$dir/" && rm -rf "$dir.tmp"
  fi
  echo "$dir/libsqlite3.a"
}

# --- one asset: a binary (and its .NET tool package) --------------------------------------------------------------
build_asset() {
  local asset="$1" key dir
  key="$(printf '%s|%s|%s' "$src_hash" "$stamp" "$asset" | sha256sum | cut -c1-32)"
  dir="$cache/$asset"
  if [ -f "$dir/key" ] && [ "$(cat "$dir/key")" = "$key" ] && [ -x "$dir/wright" ]; then
    log "$asset: unchanged sources, reusing the cached build"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  local csproj="$root/src/Wright.Cli/Wright.Cli.csproj"
  local props=(-p:WrightVersion="$WRIGHT_VERSION" -p:WrightCommit="$WRIGHT_COMMIT" -p:WrightBuildDate="$WRIGHT_BUILD_DATE"
    -p:WrightAsset="$asset" -p:WrightReleaseUrl="$release_url" --nologo -v quiet)
  local started=$SECONDS
  case "$asset" in
    linux-x64|linux-arm64)
      local rid="$asset" extra=()
      [ "$asset" = linux-arm64 ] && extra=(-p:WrightSqliteLibrary="$(sqlite_arm64)")
      log "$asset: compiling (NativeAOT${extra:+, cross}) and packing the .NET tool"
      mkdir -p "$dir/nuget"
      # dotnet pack -r RID publishes the NativeAOT binary and packs it as the RID-specific tool package.
      dotnet pack "$csproj" -c Release -r "$rid" -p:WrightToolPack=true "${extra[@]}" "${props[@]}" -o "$dir/nuget" >&2
      cp "$root/src/Wright.Cli/bin/Release/net10.0/$rid/publish/wright" "$dir/wright"
      ;;
    linux-x64-static)
      log "$asset: compiling (NativeAOT, static, OpenSSL linked in)"
      # Its own configuration keeps its objects apart from the dynamic linux-x64 build. Not position-independent:
      # Debian's ld.bfd fails on a static-pie of this size; and GNU objcopy strips it (llvm-objcopy 14 cannot).
      if ! dotnet publish "$csproj" -c ReleaseStatic -p:Optimize=true -r linux-x64 -p:StaticExecutable=true \
        -p:StaticOpenSslLinking=true -p:PositionIndependentExecutable=false -p:ObjCopyName=objcopy "${props[@]}" \
        -o "$dir/publish" 2>&1 | { grep -v -e 'in statically linked applications requires at runtime' -e 'pal_ssl.c.*-Wunused-value' || true; } >&2
      then
        echo "release.sh: the $asset build failed" >&2
        exit 1
      fi
      cp "$dir/publish/wright" "$dir/wright"
      rm -rf "$dir/publish"
      ;;
  esac
  "$dir/wright" --version >/dev/null 2>&1 || [ "$asset" = linux-arm64 ] || { echo "release.sh: the $asset binary does not run" >&2; exit 1; }
  echo "$key" > "$dir/key"
  log "$asset: built in $((SECONDS - started)) s"
}

for asset in $assets; do
  build_asset "$asset"
done

# --- tarballs, deterministic --------------------------------------------------------------------------------------
manifest_assets=""
for asset in $assets; do
  stage="$(mktemp -d)"
  name="wright-$WRIGHT_VERSION-$asset"
  mkdir -p "$stage/$name"
  install -m 0755 "$cache/$asset/wright" "$stage/$name/wright"
  install -m 0644 "$root/README.md" "$root/LICENSE" "$stage/$name/"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$stage" -cf - "$name" \
    | gzip -n -9 > "$out/wright-$asset.tar.gz"
  rm -rf "$stage"
  sum="$(sha256sum "$out/wright-$asset.tar.gz" | cut -d' ' -f1)"
  size="$(stat -c %s "$out/wright-$asset.tar.gz")"
  manifest_assets="$manifest_assets${manifest_assets:+,}
    \"$asset\": {\"file\": \"wright-$asset.tar.gz\", \"sha256\": \"$sum\", \"size\": $size}"
done
cat > "$out/release.json" <<EOF
{
  "version": "$WRIGHT_VERSION",
  "commit": "$WRIGHT_COMMIT",
  "date": "$WRIGHT_BUILD_DATE",
  "assets": {$manifest_assets
  }
}
EOF

# --- install.sh with this release's URL ---------------------------------------------------------------------------
sed "s|^default_url=.*|default_url=\"$release_url\"|" "$root/scripts/install.sh" > "$out/install.sh"
chmod 0755 "$out/install.sh"

# --- SBOM of the NuGet dependencies (CycloneDX's dotnet tool, from the NuGet feed) --------------------------------
tools="$root/dist/.tools"
if [ ! -x "$tools/dotnet-CycloneDX" ]; then
  log "installing CycloneDX 6.3.1 (dotnet tool) into dist/.tools"
  dotnet tool install CycloneDX --version 6.3.1 --tool-path "$tools" >&2
fi
"$tools/dotnet-CycloneDX" "$root/src/Wright.Cli/Wright.Cli.csproj" --recursive --exclude-test-projects --no-serial-number \
  --set-name wright --set-version "$WRIGHT_VERSION" --output-format Json --output "$out" --filename wright.cdx.json >&2

# --- npm and .NET tool packages -----------------------------------------------------------------------------------
if [ "$packages" = 1 ]; then
  mkdir -p "$out/npm" "$out/nuget"
  npm_args=()
  for asset in $assets; do npm_args+=("$asset=$cache/$asset/wright"); done
  node "$root/scripts/release/npm-pack.mjs" "$WRIGHT_VERSION" "$out/npm" "${npm_args[@]}" >&2
  # The .NET tool has packages for linux-x64 and linux-arm64 only: a NativeAOT tool package for musl needs the
  # linux-musl-x64 NativeAOT packs, which the NuGet feed here lacks (the static asset has no package).
  for asset in $assets; do
    for package in "$cache/$asset/nuget"/*.nupkg; do
      if [ -f "$package" ]; then cp "$package" "$out/nuget/"; fi
    done
  done
  # The pointer package `wright`: names the RID-specific packages; `dotnet tool install -g wright` picks one.
  log "packing the .NET tool's pointer package"
  pointer="$cache/pointer"
  rm -rf "$pointer" && mkdir -p "$pointer"
  dotnet pack "$root/src/Wright.Cli/Wright.Cli.csproj" -c Release -p:WrightToolPack=true -p:WrightVersion="$WRIGHT_VERSION" \
    -p:WrightCommit="$WRIGHT_COMMIT" -p:WrightBuildDate="$WRIGHT_BUILD_DATE" --nologo -v quiet -o "$pointer" >&2
  cp "$pointer/wright.$WRIGHT_VERSION.nupkg" "$out/nuget/"
fi

# --- checksums of everything --------------------------------------------------------------------------------------
(cd "$out" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
log "done: $(cd "$out" && find . -type f | wc -l) files in $out"
