// C6 (MODEL.md 1): the formal share of remittances is 0.57 to 0.74 (informal flows are 35-75%
// of recorded ones: lit_informal_share, Freund and Spatafora 2008). Fits the informal
// channel's constant to the midpoint 0.65 on the Philippines-Saudi Arabia corridor, with
// b_cost and the other channels' constants assumed (and swept in docs/CALIBRATION.md).
#include "check/calibration.hpp"
#include "check/support.hpp"

namespace corridor::check {

Result pattern_c6(const Options& o) {
  Result r;
  r.target = "formal share of remittances 0.57 to 0.74 (lit_informal_share)";
  r.criterion = "replicate mean within [0.57, 0.74] on the Philippines-Saudi corridor";
  const auto v = c6_metric(o, {});
  r.figures.push_back(figure("formal share, ph_sa corridor", "share", v));
  r.pass = mean(v) >= 0.57 && mean(v) <= 0.74;
  return r;
}

}  // namespace corridor::check
