#!/usr/bin/env bash
# The regression baseline: every scenario's and pilot's headline indicators (the table
# `corridor run` prints, at full precision) at a fixed seed and a size that fits the CI
# gate, in tests/regression/headline.tsv.
#
#   bash scripts/update-regression.sh            # rewrite the baseline (after a change of
#                                                # results: also CHANGELOG.md and the version)
#   bash scripts/update-regression.sh --check    # compare with the baseline; print every
#                                                # difference and exit 1 if there is one
#
# CORRIDOR=path/to/corridor selects the binary (default build/release/corridor); the test
# suite runs the check as Regression.Headline. The values are compared as printed (%.17g),
# so the baseline belongs to one platform: the Debian image and compiler of the CI machine
# with the release preset's flags. Another compiler, libm or floating-point contraction may
# move the last digits; rewrite the baseline there rather than loosen the check.
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1
bin=${CORRIDOR:-build/release/corridor}
baseline=tests/regression/headline.tsv
# Fixed for the baseline: seed, replicates, months and burn-in. Threads do not change
# results (Engine.BitIdenticalForAnyThreadCount).
args=(--seed 20261204 --replicates 2 --months 144 --set run.burn_in=24 --threads 2 -q)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/headline.tsv
printf 'scenario\tscheme\tindicator\tvalue\n' >"$out"
for f in scenarios/*.toml scenarios/pilots/*.toml; do
  "$bin" run "$f" "${args[@]}" -o "$tmp/run.h5" --headline-tsv - 2>"$tmp/err" >"$tmp/one.tsv" || {
    echo "update-regression: $f failed:" >&2
    cat "$tmp/err" >&2
    exit 1
  }
  tail -n +2 "$tmp/one.tsv" | sed "s|^|$f\t|" >>"$out"
done

if ((check)); then
  if ! [ -f "$baseline" ]; then
    echo "update-regression: no baseline $baseline (run scripts/update-regression.sh)" >&2
    exit 1
  fi
  if diff -u --label "$baseline (committed)" --label "$baseline (this build)" "$baseline" "$out" \
    >"$tmp/diff"; then
    echo "regression: $(($(wc -l <"$out") - 1)) headline values identical to $baseline"
    exit 0
  fi
  echo "regression: headline values differ from $baseline:"
  cat "$tmp/diff"
  echo "If the change of results is intended, run scripts/update-regression.sh and update"
  echo "CHANGELOG.md (what moved and why) and the minor version in CMakeLists.txt."
  exit 1
fi
cp "$out" "$baseline"
echo "update-regression: wrote $baseline ($(($(wc -l <"$out") - 1)) values)"
