#include "engine/harris_todaro.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/rng.hpp"
#include "model/rules.hpp"

namespace corridor {

double harris_todaro_ratio(const HarrisTodaroCase& c) {
  constexpr size_t kBlock = 4096;
  const auto N = static_cast<size_t>(c.agents);
  const size_t blocks = (N + kBlock - 1) / kBlock;
  double sum = 0.0;
  int64_t count = 0;
  for (int64_t rep = 0; rep < c.replicates; ++rep) {
    std::vector<uint8_t> abroad(N, 0);  // all agents start at home
    std::vector<int64_t> block_abroad(blocks, 0);
    int64_t n_d = 0;
    for (int64_t m = 0; m < c.months; ++m) {
      const double p = std::min(1.0, c.jobs / std::max(1.0, static_cast<double>(n_d)));
      const double x = c.b_gain * 12.0 * (p * c.wage_ratio - 1.0);
      const double move = rules::logistic(x), back = rules::logistic(-x);
      tbb::parallel_for(tbb::blocked_range<size_t>(0, blocks, 1),
                        [&](const tbb::blocked_range<size_t>& r) {
                          for (size_t b = r.begin(); b != r.end(); ++b) {
                            int64_t n = 0;
                            for (size_t i = b * kBlock; i < std::min(N, (b + 1) * kBlock); ++i) {
                              Rng rng(c.seed, static_cast<uint64_t>(rep), Stream::kConsider, i, 0,
                                      static_cast<uint64_t>(m));
                              if (rng.uniform() < c.lambda)
                                abroad[i] = abroad[i] ? !rng.bernoulli(back) : rng.bernoulli(move);
                              n += abroad[i];
                            }
                            block_abroad[b] = n;
                          }
                        });
      n_d = 0;
      for (int64_t n : block_abroad) n_d += n;
      if (m >= c.average_from) {
        sum += c.jobs / std::max<double>(1.0, static_cast<double>(n_d));
        ++count;
      }
    }
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

double harris_todaro_mean_field(const HarrisTodaroCase& c) {
  // f(n) = E w_u / (n w_r) - 1 - ln(n / (N - n)) / (12 b) is decreasing in n on (0, N):
  // bisect.
  const double N = static_cast<double>(c.agents);
  auto f = [&](double n) {
    return c.jobs * c.wage_ratio / n - 1.0 - std::log(n / (N - n)) / (12.0 * c.b_gain);
  };
  double lo = 1e-9 * N, hi = N * (1.0 - 1e-12);
  for (int k = 0; k < 200; ++k) {
    const double mid = 0.5 * (lo + hi);
    (f(mid) > 0 ? lo : hi) = mid;
  }
  return c.jobs / (0.5 * (lo + hi));
}

}  // namespace corridor
