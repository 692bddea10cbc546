#!/bin/sh
# Installs Wright, one NativeAOT binary, from a release:
#
#   curl -fsSL https://…/install.sh | sh
#   curl -fsSL https://…/install.sh | sh -s -- --prefix /usr/local
#
# It picks the build for this machine (linux-x64, linux-arm64, or linux-x64-static on Alpine and other musl systems),
# downloads it with the release's SHA256SUMS, refuses it unless the SHA-256 matches, and installs it as PREFIX/bin/wright
# (default PREFIX: ~/.local), replacing an older one in a single rename. Nothing else on the system is touched.
#
# Options (or environment):
#   --prefix DIR     (WRIGHT_INSTALL_PREFIX)  install into DIR/bin (default ~/.local)
#   --url URL        (WRIGHT_DOWNLOAD_URL)    the release folder holding the tarballs and SHA256SUMS
#   --asset NAME     (WRIGHT_ASSET)           a build other than the detected one
set -eu

default_url="https://github.com/wright-agent/wright/releases/latest/download"   # release.sh writes the real one

prefix="${WRIGHT_INSTALL_PREFIX:-${HOME:?HOME is not set}/.local}"
url="${WRIGHT_DOWNLOAD_URL:-$default_url}"
asset="${WRIGHT_ASSET:-}"

say() { printf 'wright install: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#*=}"; shift ;;
    --url) [ $# -ge 2 ] || die "--url needs a URL"; url="$2"; shift 2 ;;
    --url=*) url="${1#*=}"; shift ;;
    --asset) [ $# -ge 2 ] || die "--asset needs a name"; asset="$2"; shift 2 ;;
    --asset=*) asset="${1#*=}"; shift ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" 2>/dev/null | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
url="${url%/}"

case "$url" in
  https://*) ;;
  http://127.*|http://localhost[:/]*|http://localhost|http://\[::1\]*) ;;   # a local mirror
  *) die "refusing $url: use an https URL" ;;
esac

# --- which build ----------------------------------------------------------------------------------------------------
if [ -z "$asset" ]; then
  os="$(uname -s)"
  arch="$(uname -m)"
  case "$os" in
    Linux) ;;
    Darwin) die "macOS is planned (with a Seatbelt sandbox) but not built yet; see the README's Platforms section" ;;
    MINGW*|MSYS*|CYGWIN*) die "Windows is planned but not built yet; see the README's Platforms section" ;;
    *) die "no Wright build for $os" ;;
  esac
  # The C library: glibc (and its version) from getconf or ldd; musl only where there is no glibc (Debian's musl
  # package puts a musl loader beside glibc). The glibc builds need glibc 2.34; on x64 the static build runs anywhere.
  libc=unknown
  glibc_minor=0
  if glibc="$(getconf GNU_LIBC_VERSION 2>/dev/null)" && [ -n "$glibc" ]; then
    libc=glibc
  elif glibc="$(ldd --version 2>&1 | head -n 1)" && printf '%s' "$glibc" | grep -qi -e glibc -e 'gnu libc'; then
    libc=glibc
  elif ldd --version 2>&1 | grep -qi musl || ls /lib/ld-musl-*.so.1 >/dev/null 2>&1; then
    libc=musl
  fi
  if [ "$libc" = glibc ]; then
    glibc_minor="$(printf '%s\n' "$glibc" | sed -n 's/.*[^0-9.]2\.\([0-9][0-9]*\).*/\1/p' | head -n 1)"
    [ -n "$glibc_minor" ] || glibc_minor=0
    [ "$glibc_minor" -ge 34 ] || libc=old-glibc
  fi
  case "$arch/$libc" in
    x86_64/glibc|amd64/glibc) asset=linux-x64 ;;
    x86_64/*|amd64/*) asset=linux-x64-static ;;   # musl, a glibc older than 2.34, or none known
    aarch64/glibc|arm64/glibc) asset=linux-arm64 ;;
    aarch64/old-glibc|arm64/old-glibc) die "the linux-arm64 build needs glibc 2.34 or newer (this system has 2.$glibc_minor)" ;;
    aarch64/*|arm64/*) die "linux-arm64 needs glibc 2.34 or newer, which this system does not seem to have (Alpine on arm64 is planned)" ;;
    *) die "no Wright build for $os on $arch" ;;
  esac
fi
case "$asset" in
  linux-x64|linux-arm64|linux-x64-static) ;;
  *) die "unknown build '$asset' (linux-x64, linux-arm64 or linux-x64-static)" ;;
esac
tarball="wright-$asset.tar.gz"

# --- tools ----------------------------------------------------------------------------------------------------------
if command -v curl >/dev/null 2>&1; then
  fetch() { curl --proto '=https,http' -fsSL --retry 2 -o "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
  fetch() { wget -q -O "$2" "$1"; }
else
  die "neither curl nor wget is installed"
fi
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
elif command -v openssl >/dev/null 2>&1; then
  sha256() { openssl dgst -sha256 -r "$1" | cut -d' ' -f1; }
else
  die "no sha256sum, shasum or openssl to verify the download with"
fi

tmp="$(mktemp -d 2>/dev/null || mktemp -d -t wright-install)"
trap 'rm -rf "$tmp"' EXIT INT TERM

# --- download and verify ------------------------------------------------------------------------------------------
say "downloading $url/$tarball"
fetch "$url/SHA256SUMS" "$tmp/SHA256SUMS" || die "cannot download $url/SHA256SUMS"
fetch "$url/$tarball" "$tmp/$tarball" || die "cannot download $url/$tarball"
expected="$(awk -v f="$tarball" '$2 == f || $2 == "*" f { print $1; exit }' "$tmp/SHA256SUMS")"
[ -n "$expected" ] || die "SHA256SUMS has no line for $tarball; refusing to install"
actual="$(sha256 "$tmp/$tarball")"
if [ "$actual" != "$expected" ]; then
  die "checksum mismatch for $tarball: SHA256SUMS says $expected, the download is $actual. Nothing was installed."
fi
say "sha256 verified: $actual"

mkdir "$tmp/x"
tar -xzf "$tmp/$tarball" -C "$tmp/x" || die "$tarball is not a readable tarball"
set -- "$tmp"/x/wright-*/wright
[ $# -eq 1 ] && [ -f "$1" ] && [ ! -L "$1" ] || die "$tarball holds no wright binary"
binary="$1"

# --- install --------------------------------------------------------------------------------------------------------
bindir="$prefix/bin"
mkdir -p "$bindir" || die "cannot create $bindir"
staged="$bindir/.wright-install-$$"
cp "$binary" "$staged" || die "cannot write to $bindir"
chmod 0755 "$staged"
if ! version="$("$staged" --version 2>&1)"; then
  rm -f "$staged"
  die "the downloaded binary does not run here: $version"
fi
mv -f "$staged" "$bindir/wright" || { rm -f "$staged"; die "cannot replace $bindir/wright"; }
say "installed Wright $version as $bindir/wright"

case ":${PATH:-}:" in
  *":$bindir:"*) ;;
  *)
    say "$bindir is not on your PATH. Add it, e.g.:"
    case "${SHELL:-}" in
      */zsh) say "  echo 'export PATH=\"$bindir:\$PATH\"' >> ~/.zshrc" ;;
      */fish) say "  fish_add_path $bindir" ;;
      *) say "  echo 'export PATH=\"$bindir:\$PATH\"' >> ~/.bashrc   # or ~/.profile" ;;
    esac
    ;;
esac
