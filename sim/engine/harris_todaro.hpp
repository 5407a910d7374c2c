// The Harris-Todaro test mode of MODEL.md 7: one origin, one permanent open channel with
// certain selection, a fixed stock of E jobs at w_u, and a test-mode rule in which every
// agent, at home or abroad, reconsiders with probability lambda and moves (returns) with
// probability Lambda(x) (Lambda(-x)), x = b_gain * 12 * (p_emp w_u - w_r) / w_r and
// p_emp = min(1, E / max(1, N_d(t-1))). Its stationary state has a closed form, so it
// checks the engine's random streams, logit and parallel reduction against mean-field
// values.
#pragma once

#include <cstdint>

namespace corridor {

struct HarrisTodaroCase {
  int64_t agents = 100000;  // N, weight 1
  double jobs = 30000;      // E
  double wage_ratio = 2.0;  // w_u / w_r
  double b_gain = 0.1;
  double lambda = 0.05;
  int64_t months = 240;
  int64_t average_from = 120;  // average E / N_d over months [average_from, months)
  int64_t replicates = 10;
  uint64_t seed = 1;
};

// Average end-of-month E / N_d over the months and replicates of the case; runs the
// per-agent step in parallel with oneTBB and gives the same result for any thread count.
double harris_todaro_ratio(const HarrisTodaroCase& c);

// The mean-field E / N_d: the root of p w_u / w_r = 1 + ln(N_d / (N - N_d)) / (12 b_gain)
// with p = E / N_d.
double harris_todaro_mean_field(const HarrisTodaroCase& c);

}  // namespace corridor
