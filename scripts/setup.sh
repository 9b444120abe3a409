#!/usr/bin/env bash
# Installs every Debian package Stance needs (only the missing ones), then configures and builds
# the given CMake presets (default: release). Idempotent; works as root or through sudo.
#   bash scripts/setup.sh                 # release build in build/release
#   bash scripts/setup.sh release asan    # also the ASan + UBSan build in build/asan
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t packages < <(grep -Ev '^\s*(#|$)' scripts/debian-packages.txt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} > 0)); then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  echo "setup: installing ${missing[*]}"
  # Refresh the package lists when there are none yet, or when an install from them fails.
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
    "${sudo[@]}" apt-get update -qq
  fi
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

presets=("$@")
((${#presets[@]} > 0)) || presets=(release)
for preset in "${presets[@]}"; do
  echo "setup: configuring and building the '$preset' preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
done
