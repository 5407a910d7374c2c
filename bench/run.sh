#!/usr/bin/env bash
# The issue-5 performance table (bench/README.md): builds the optimised benchmark program
# and prints throughput, memory traffic beside a STREAM triad, scaling over 1, 2 and all
# threads, peak RSS per agent and the 10^5 / 10^6 / 10^7 agent sweep.
#
#   bash bench/run.sh            # the table (a few minutes on 2 cores)
#   bash bench/run.sh --big      # also the 50 million agent x 120 month run (long)
#
# Extra arguments go to `corridor_bench --table` (see bench/README.md). BUILD_DIR selects
# the build folder (default build/release).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build/release}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCORRIDOR_WERROR=ON >/dev/null
cmake --build "$build" --target corridor_bench
exec "$build/bench/corridor_bench" --table "$@"
