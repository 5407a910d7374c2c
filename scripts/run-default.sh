#!/usr/bin/env bash
# Set-up, optimised build, and a run of the default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target corridor
./build/release/corridor run scenarios/default.toml -o default.h5 "$@"
