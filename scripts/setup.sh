#!/usr/bin/env bash
# Installs the Debian packages Corridor needs to build, test and read its output.
# Idempotent: installs only what is missing. Run as root (or with sudo available).
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config git clang-format
  libboost-graph-dev libtbb-dev libhdf5-dev hdf5-tools libeigen3-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev librandom123-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
