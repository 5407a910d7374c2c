// C7 (core v2 M1): the location preference kappa_0 (behaviour.home_pref), fitted to the share
// of first undocumented trips that end within 12 months, Mexico to the United States before
// 1986 (lit_mdp_return_12m; Massey, Durand and Pren 2015), on scenarios/open_irregular.toml,
// the repository's corridor of that time and place. The share is the sum of
// first_returns_12m over the sum of first_crossings, over the run after the burn-in (a steady
// state, so the two sums cover the same cohorts up to the window's edges). Refitted at each
// value of the return-consideration rate r_0 (behaviour.irregular_reconsider) it is swept with.
#include "check/calibration.hpp"
#include "check/support.hpp"

namespace corridor::check {

std::vector<double> c7_metric(const Options& o, const Overrides& extra) {
  const RunResults r = run_scaled(o, kOpenIrregular, extra, replicates(o, 4, 12), 1.0);
  return ratio(per_replicate(r, "summary/first_returns_12m"),
               per_replicate(r, "summary/first_crossings"));
}

Result pattern_c7(const Options& o) {
  Result r;
  r.target =
      "share of first undocumented trips ending within 12 months, Mexico-US before 1986: "
      "about 0.45 (lit_mdp_return_12m)";
  r.criterion = "replicate mean within 0.45 +- 0.03";
  const auto m = c7_metric(o, {});
  r.figures.push_back(figure("first trips ending within 12 months", "share", m));
  const double x = mean(m);
  r.pass = x >= 0.42 && x <= 0.48;
  return r;
}

}  // namespace corridor::check
