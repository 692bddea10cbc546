#!/usr/bin/env bash
# Installs what building and testing Wright need, idempotently: apt packages (NativeAOT toolchain, sandbox and
# terminal tools) and the npm packages of the test rig. Safe to run on every build; fast when all is present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-all}"   # build | all

apt_packages=(clang zlib1g-dev libsqlite3-dev)
if [ "$what" = all ]; then
  apt_packages+=(bubblewrap socat tmux ripgrep iproute2)   # iproute2: `ip` brings up lo in tests' private network namespaces
  apt_packages+=(python3 python3-pytest golang-go cargo chromium)   # evals/ --check (Python, Go, Rust toolchains); report.html in headless Chromium
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
