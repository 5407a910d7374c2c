// Radix selection of order statistics (the wealth-quintile cuts) against std::nth_element.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <limits>
#include <random>
#include <vector>

#include "engine/order_stats.hpp"

namespace corridor {
namespace {

using Groups = std::vector<std::vector<int64_t>>;

std::vector<std::array<int64_t, 4>> by_radix(const Groups& groups) {
  // Values visited in parallel, in chunks, as the engine visits agents by block.
  std::vector<std::pair<size_t, int64_t>> flat;
  for (size_t g = 0; g < groups.size(); ++g)
    for (int64_t v : groups[g]) flat.emplace_back(g, v);
  return order_statistics<4>(
      groups.size(),
      [&](auto&& chunk) {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, flat.size(), 64),
                          [&](const tbb::blocked_range<size_t>& r) {
                            chunk([&](auto&& sink) {
                              for (size_t i = r.begin(); i != r.end(); ++i)
                                sink(flat[i].first, flat[i].second);
                            });
                          });
      },
      [](uint64_t n, size_t q) { return std::min<uint64_t>(n - 1, n * (q + 1) / 5); });
}

std::vector<std::array<int64_t, 4>> by_nth_element(Groups groups) {
  std::vector<std::array<int64_t, 4>> out(groups.size());
  for (size_t g = 0; g < groups.size(); ++g)
    for (size_t q = 0; q < 4; ++q) {
      auto& v = groups[g];
      if (v.empty()) {
        out[g][q] = 0;
        continue;
      }
      const size_t k = std::min(v.size() - 1, v.size() * (q + 1) / 5);
      std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
      out[g][q] = v[k];
    }
  return out;
}

TEST(OrderStatistics, MatchNthElementOnSkewedTiedAndExtremeValues) {
  std::mt19937_64 gen(42);
  Groups groups(6);
  // 0: lognormal savings in cents with a mass at zero (the shape of home savings).
  std::lognormal_distribution<double> savings(12.0, 2.0);
  for (int i = 0; i < 150'000; ++i)  // over 2^17 values in all: 12-bit digits
    groups[0].push_back(i % 4 == 0 ? 0 : static_cast<int64_t>(savings(gen)));
  // 1: negative and positive values over the whole int64 range, extremes included.
  std::uniform_int_distribution<int64_t> any(std::numeric_limits<int64_t>::min(),
                                             std::numeric_limits<int64_t>::max());
  for (int i = 0; i < 20'000; ++i) groups[1].push_back(any(gen));
  groups[1].push_back(std::numeric_limits<int64_t>::min());
  groups[1].push_back(std::numeric_limits<int64_t>::max());
  // 2: empty. 3: one value repeated. 4: a single value. 5: few distinct values, many ties.
  groups[3].assign(1000, 777);
  groups[4].assign(1, -5);
  std::uniform_int_distribution<int> few(0, 3);
  for (int i = 0; i < 10'007; ++i) groups[5].push_back(1'000'000 * few(gen));
  const auto expected = by_nth_element(groups);
  for (int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<size_t>(threads));
    const auto got = by_radix(groups);
    for (size_t g = 0; g < groups.size(); ++g)
      for (size_t q = 0; q < 4; ++q)
        EXPECT_EQ(got[g][q], expected[g][q])
            << "group " << g << " cut " << q << " threads " << threads;
  }
  EXPECT_EQ(expected[2][0], 0);  // an empty group gets 0
  EXPECT_EQ(expected[3][2], 777);
  EXPECT_EQ(expected[4][3], -5);
}

TEST(OrderStatistics, EveryRankOfASmallGroup) {
  // All ranks 0..n-1 of a shuffled group with ties come out in sorted order.
  std::vector<int64_t> v = {5, -3, 9, 9, 0, 12, -3, 100000000000, 7, 5, 5, 1};
  std::shuffle(v.begin(), v.end(), std::mt19937_64(7));
  std::vector<int64_t> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (size_t r = 0; r < v.size(); ++r) {
    const auto got = order_statistics<1>(
        1,
        [&](auto&& chunk) {
          chunk([&](auto&& sink) {
            for (int64_t x : v) sink(0, x);
          });
        },
        [&](uint64_t, size_t) { return static_cast<uint64_t>(r); });
    EXPECT_EQ(got[0][0], sorted[r]) << "rank " << r;
  }
}

}  // namespace
}  // namespace corridor
