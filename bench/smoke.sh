#!/usr/bin/env bash
# Smoke test of the benchmark command (run by CTest as Bench.TableAndMicrobenchmarksRun):
# a small table and one microbenchmark must run to the end and print every section. It
# checks no timing. Usage: bench/smoke.sh path/to/corridor_bench
set -euo pipefail
bench=$1
out=$("$bench" --table --agents 20000 --months 36 --scaling-months 36 --repeat 1 \
  --sweep 20000 --sweep-months 36 --stream-mib 8)
printf '%s\n' "$out"
for section in '## Throughput' 'traffic / triad' 'Time by pass' '## Scaling' '## Sweep' \
  'load average at end'; do
  if ! grep -qF -- "$section" <<<"$out"; then
    echo "smoke: the table has no '$section'" >&2
    exit 1
  fi
done
"$bench" --benchmark_filter=BM_RngUniform --benchmark_min_time=0.01
