#!/usr/bin/env bash
# Sensitivity of the calibration targets (B, C1, C2, C4-C7), the validation patterns V1, V4,
# V5 and V7 and the lever checks L1, L2, L5, L6 to every assumed behavioural parameter and
# to b across its band (MODEL.md 1;
# docs/CALIBRATION.md). Each parameter is set low and high in every scenario the patterns
# load (`corridor check --set`), the rest kept at their values; the patterns are run and
# the first figure of each is printed as one row of a Markdown table. The sweep only
# reports: none of it chose a value.
#
# Usage: bash analysis/sensitivity.sh [REPLICATES] > sweep.md
#   REPLICATES  replicates per arm (default: each pattern's own CI-size count, which is
#               at least 20 for the validation patterns)
# Environment: CORRIDOR (the binary, default build/release/corridor), THREADS (default 0),
# SCENARIOS (the scenario folder, default the source tree's scenarios/).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CORRIDOR:-build/release/corridor}
reps=${1:-}
threads=${THREADS:-0}
ids="C0,C1,C2,C4,C5,C6,C7,V1,V4a,V4b,V5,V7,L1,L2,L5,L6"

# parameter, low, high (defaults in docs/SCENARIO_FORMAT.md)
sweep=(
  "behaviour.b_money 0.09 0.115"
  "behaviour.zeta 0.5 0.95"
  "behaviour.gamma 1 2"
  "behaviour.rho 0.005 0.02"
  "behaviour.horizon_stay 12 60"
  "behaviour.irregular_reconsider 0.02 0.2"
  "behaviour.home_pref_family 0 0.6"
  "behaviour.home_pref_fade 0 0.03"
  "behaviour.mu_offer 0.05 0.2"
  "behaviour.lambda 0.025 0.1"
  "behaviour.b_net 0.5 2"
  "behaviour.kappa 5 20"
  "behaviour.b_exp 0.5 2"
  "behaviour.i0 0.005 0.02"
  "behaviour.i1 0.1 0.4"
  "behaviour.g0 -5 -3"
  "behaviour.g1 0.5 2"
  "behaviour.g2 0 0.6"
  "behaviour.b_cost 5 20"
)

row() {  # label, then extra arguments for corridor check
  local label=$1
  shift
  local out
  local rep_args=()
  [[ -n "$reps" ]] && rep_args=(--replicates "$reps")
  [[ -n "${SCENARIOS:-}" ]] && rep_args+=(--scenarios "$SCENARIOS")
  out=$("$bin" check --only "$ids" "${rep_args[@]}" --threads "$threads" "$@" 2>&1 |
    sed -n '/^Summary/,$p' | tail -n +2) || true
  local cells=""
  for id in ${ids//,/ }; do
    local v
    v=$(awk -v id="$id" '$1 == id { s = $0; sub(/.*= /, "", s); sub(/ \(sd.*/, "", s);
                                    verdict = ($3 == "pass") ? "" : " !";
                                    print s verdict }' <<<"$out")
    cells+=" ${v:--} |"
  done
  echo "| $label |$cells"
}

header="| setting |"
rule="|---|"
for id in ${ids//,/ }; do
  header+=" $id |"
  rule+="---|"
done
echo "Replicates per arm: ${reps:-default} (default: each pattern CI-size count); CI size; first figure of each pattern"
echo "(\"!\" marks a pattern whose criterion fails, known gaps included). Printed by:"
echo "bash analysis/sensitivity.sh $reps"
echo
echo "$header"
echo "$rule"
row "calibrated values"
for entry in "${sweep[@]}"; do
  read -r key low high <<<"$entry"
  row "$key = $low" --set "$key=$low"
  row "$key = $high" --set "$key=$high"
done
