#!/usr/bin/env bash
# Installs what building and testing Wright need, idempotently: apt packages (NativeAOT toolchain, sandbox and
# terminal tools) and the npm packages of the test rig. Safe to run on every build; fast when all is present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-all}"   # build | release | all

apt_packages=(clang zlib1g-dev libsqlite3-dev)
if [ "$what" = release ] || [ "$what" = all ]; then
  # scripts/release.sh and its tests: the aarch64 cross toolchain, OpenSSL and cmake for the static build, qemu to run
  # the arm64 binary, and the musl loader for the Alpine-like root the static binary is run in.
  apt_packages+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross libssl-dev cmake qemu-user-static musl)
fi
if [ "$what" = all ]; then
  apt_packages+=(bubblewrap socat tmux ripgrep iproute2)   # iproute2: `ip` brings up lo in tests' private network namespaces
  # The dashboard's browser tests: Playwright for .NET (its driver comes in the NuGet package) drives Debian's Chromium
  # at /usr/bin/chromium; it never downloads a browser. A font, so that screenshots show text on a bare machine.
  apt_packages+=(chromium fonts-dejavu-core)
  apt_packages+=(postgresql)   # the fleet's tests: a private PostgreSQL 15 cluster in a temporary directory (initdb, pg_ctl)
  apt_packages+=(python3 python3-pytest golang-go cargo)   # evals/ --check (Python, Go, Rust toolchains); report.html uses the chromium above
fi

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The release tests run the linux-arm64 binary under qemu with Debian's aarch64 libc (libc6-arm64-cross); .NET also
# loads libssl at run time, which has no -cross package. Debian's arm64 libssl3 is downloaded with a private apt state
# (the machine's architectures stay as they are) and unpacked into dist/.deps/arm64-libssl.
if [ "$what" = release ] || [ "$what" = all ]; then
  arm64_ssl="$root/dist/.deps/arm64-libssl"
  if [ ! -f "$arm64_ssl/usr/lib/aarch64-linux-gnu/libssl.so.3" ]; then
    echo "fetching Debian's arm64 libssl3 for the qemu tests" >&2
    state="$root/dist/.deps/apt-arm64"
    rm -rf "$state" "$arm64_ssl.tmp"
    mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$arm64_ssl.tmp"
    touch "$state/status"
    apt_arm64=(-q -o APT::Architecture=arm64 -o APT::Architectures=arm64 -o Dir::State="$state" -o Dir::State::Lists="$state/lists"
      -o Dir::State::status="$state/status" -o Dir::Cache="$state/cache" -o APT::Sandbox::User=root)
    apt-get "${apt_arm64[@]}" update >&2
    (cd "$state" && apt-get "${apt_arm64[@]}" download libssl3 >&2)
    dpkg-deb -x "$state"/libssl3_*_arm64.deb "$arm64_ssl.tmp"
    rm -rf "$arm64_ssl" && mv "$arm64_ssl.tmp" "$arm64_ssl" && rm -rf "$state"
  fi
fi

if [ "$what" = all ]; then
  # tests/node: the test rig; tests/node22: the MCP conformance suite's client scenarios with Node 22 (a registry package).
  for node_dir in "$root/tests/node" "$root/tests/node22"; do
  if [ -f "$node_dir/package.json" ]; then
    stamp="$node_dir/node_modules/.wright-installed"
    if [ ! -f "$stamp" ] || [ "$node_dir/package-lock.json" -nt "$stamp" ]; then
      echo "installing npm test packages" >&2
      # npm install, not npm ci: vite (a dependency of the Inspector) lists an optional Windows-only package that this
      # registry does not serve, so the lock file cannot hold it and npm ci refuses; npm install skips it.
      (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error >&2)
      touch "$stamp"
    fi
  fi
  done
fi
