// C4 (MODEL.md 1): Gulf contract workers remit about half to 60% of their earnings (Seshan
// 2012; the KNOMAD case study of pakistan_ksa_driver_cost: about 60%). Remittances sent
// over earnings abroad of legal workers on Gulf corridors, pooled over the Philippine and
// Sri Lankan scenarios (earnings-weighted); fits behaviour.altruism to the midpoint 0.55.
// Each scenario's own share is reported: the Sri Lankan one is lower because its Gulf
// wages are low against the destination's living cost, which the model does not vary by
// sector (docs/CALIBRATION.md).
#include "check/calibration.hpp"
#include "check/support.hpp"

namespace corridor::check {

Result pattern_c4(const Options& o) {
  Result r;
  r.target = "remittances sent / earnings abroad of Gulf contract workers: 0.5 to 0.6";
  r.criterion =
      "replicate mean of the pooled Philippine and Sri Lankan Gulf share within [0.5, 0.6]";
  const C4Metric ph = c4_metric(o, kPhilippines, {}), lk = c4_metric(o, kSriLanka, {});
  std::vector<double> pooled(ph.remitted.size());
  for (size_t k = 0; k < pooled.size(); ++k)
    pooled[k] = (ph.remitted[k] + lk.remitted[k]) / (ph.earned[k] + lk.earned[k]);
  r.figures.push_back(figure("Gulf schemes, pooled: remitted / earned", "share", pooled));
  r.figures.push_back(figure("Philippines, Gulf schemes: remitted / earned", "share",
                             ratio(ph.remitted, ph.earned)));
  r.figures.push_back(
      figure("Sri Lanka, Gulf schemes: remitted / earned", "share", ratio(lk.remitted, lk.earned)));
  r.pass = mean(pooled) >= 0.5 && mean(pooled) <= 0.6;
  return r;
}

}  // namespace corridor::check
