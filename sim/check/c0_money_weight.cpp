// C0 (core v2 M0, "Day one"): the money weight b, pinned by a replication of Shrestha (2020)
// in the model before any validation run. Shrestha moved Nepali men's expected foreign
// earnings with information and measured how their migration responded: an elasticity of
// about 0.7 (lit_shrestha_elasticity). The replication asks the model's own migration decision
// (Replicate::move_probability, the logit phase_decide draws from) the same question: on the
// South Asia-Gulf scenario at hand (sri_lanka.toml standing in for Nepal-Gulf, which the
// repository does not encode), for agents at home who have never migrated, with consideration
// probability 1 and selection certain (Shrestha's sample faced a market that was not rationed
// by quotas; in the model, where slots bind, the availability term would otherwise set the
// answer), the chance of choosing to migrate within a 3-month window, 1 - (1 - P_i)^3,
// averaged over agents, at expected foreign wages x 1 and x 1.1; the elasticity is the ratio
// of log changes, at the market state the committed model produces. b is the value that
// gives 0.7; docs/CALIBRATION.md states its band.
#include <fmt/format.h>

#include <cmath>

#include "check/calibration.hpp"
#include "check/support.hpp"
#include "engine/replicate.hpp"
#include "engine/world.hpp"

namespace corridor::check {

BMetric b_metric(const Options& o, const Overrides& extra, double b_eval) {
  Overrides ov = extra;
  ov.push_back("run.replicates=1");
  const Spec spec = load(o, kSriLanka, ov);
  const World world = build_world(spec);
  BMetric m;
  // Four replicates at CI size, eight at full; each at month 36 after initialisation, so
  // that selection and employment odds have a history. The market is held as it is (an
  // information experiment moves individuals, not the market): the state is simulated with
  // the committed b, and only the decisions probed use b_eval (< 0: the committed b). The fit
  // iterates: commit the value found and fit again until it stays put.
  const int reps = replicates(o, 4, 8);
  double p0 = 0, p1 = 0;
  for (int rep = 0; rep < reps; ++rep) {
    Replicate r(spec, world, rep);
    r.initialise();
    for (int64_t t = 0; t < 36; ++t) r.step(t);
    r.set_money_weight(b_eval);
    r.set_unrationed(true);
    auto window = [&](double belief) {
      r.set_wage_belief(belief);
      double sum = 0, n = 0;
      for (size_t i = 0; i < r.agents().size(); ++i) {
        if (r.has_migrated(i)) continue;
        const double p = r.move_probability(i);
        if (p < 0) continue;
        sum += 1.0 - std::pow(1.0 - p, 3.0);
        n += 1;
        m.agents += 1.0 / reps;
      }
      return n > 0 ? sum / n : 0.0;
    };
    p0 += window(1.0);
    p1 += window(1.1);
  }
  m.p_window = p0 / reps;
  m.p_window_raised = p1 / reps;
  m.elasticity = m.p_window > 0 && m.p_window_raised > 0
                     ? std::log(m.p_window_raised / m.p_window) / std::log(1.1)
                     : NAN;
  return m;
}

Result pattern_b(const Options& o) {
  Result r;
  r.target =
      "elasticity of migration to expected foreign earnings about 0.7 (lit_shrestha_elasticity), "
      "inexperienced agents, consideration 1, a 3-month window";
  r.criterion =
      "elasticity within 0.7 +- 0.05 (the fit's tolerance; the band of b in "
      "docs/CALIBRATION.md comes from 0.5-0.9)";
  const BMetric m = b_metric(o, {}, -1.0);
  r.figures.push_back(figure("elasticity", "", {m.elasticity}));
  r.figures.push_back(figure("migration within 3 months, baseline", "share", {m.p_window}));
  r.figures.push_back(
      figure("migration within 3 months, wages x 1.1", "share", {m.p_window_raised}));
  r.pass = std::fabs(m.elasticity - 0.7) <= 0.05;
  return r;
}

}  // namespace corridor::check
