// Unit tests for the summary statistics (sim/model/stats.hpp): weighted medians and shares,
// weighted Kaplan-Meier, its median, restricted mean and survival at a time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "model/stats.hpp"

namespace {

namespace st = corridor::stats;
using st::Observation;

std::vector<Observation> unit(const std::vector<double>& events,
                              const std::vector<double>& censored) {
  std::vector<Observation> obs;
  for (double t : events) obs.push_back({t, true, 1.0});
  for (double t : censored) obs.push_back({t, false, 1.0});
  return obs;
}

// Freireich et al. (1963), 6-MP arm: 21 patients, 9 relapses.
std::vector<Observation> freireich() {
  return unit({6, 6, 6, 7, 10, 13, 16, 22, 23}, {6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35});
}

// ---- Weighted median and share above ------------------------------------------------------

TEST(StatsMedian, EmptyIsNaN) {
  EXPECT_TRUE(std::isnan(st::weighted_median({}, {})));
  EXPECT_TRUE(std::isnan(st::weighted_share_above({}, {}, 0.0)));
}

TEST(StatsMedian, SingleValue) {
  const std::vector<double> v{4.5}, w{2.0};
  EXPECT_EQ(st::weighted_median(v, w), 4.5);
  EXPECT_EQ(st::weighted_share_above(v, w, 4.0), 1.0);
  EXPECT_EQ(st::weighted_share_above(v, w, 4.5), 0.0);  // strictly above
}

TEST(StatsMedian, LowerMedianUnweighted) {
  const std::vector<double> ones(4, 1.0);
  EXPECT_EQ(st::weighted_median(std::vector<double>{4, 1, 3, 2}, ones), 2.0);
  EXPECT_EQ(st::weighted_median(std::vector<double>{5, 1, 3}, std::vector<double>(3, 1.0)), 3.0);
  EXPECT_EQ(st::weighted_median(std::vector<double>{2, 1, 1, 3}, ones), 1.0);  // ties
  EXPECT_EQ(st::weighted_median(std::vector<double>{7, 7, 7, 7}, ones), 7.0);
}

TEST(StatsMedian, Weighted) {
  const std::vector<double> v{1, 2, 3};
  EXPECT_EQ(st::weighted_median(v, std::vector<double>{1, 1, 5}), 3.0);
  EXPECT_EQ(st::weighted_median(v, std::vector<double>{5, 1, 1}), 1.0);
  // Cumulative weight exactly half at 1: lower median.
  EXPECT_EQ(st::weighted_median(std::vector<double>{1, 2, 3, 4}, std::vector<double>{3, 1, 1, 1}),
            1.0);
  // Fractional weights whose half is reached exactly only in exact arithmetic.
  EXPECT_EQ(st::weighted_median(std::vector<double>{1, 2, 3}, std::vector<double>{0.1, 0.2, 0.3}),
            2.0);
  // Here 0.01 + 0.06 rounds below half of the rounded total (0.14): without the tolerance
  // the median would jump to 3.
  EXPECT_EQ(
      st::weighted_median(std::vector<double>{1, 2, 3}, std::vector<double>{0.01, 0.06, 0.07}),
      2.0);
}

TEST(StatsMedian, ShareAboveWeighted) {
  const std::vector<double> v{100, 200, 300, 400}, w{1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(st::weighted_share_above(v, w, 250.0), 0.7);
  EXPECT_DOUBLE_EQ(st::weighted_share_above(v, w, 200.0), 0.7);
  EXPECT_EQ(st::weighted_share_above(v, w, 400.0), 0.0);
  EXPECT_EQ(st::weighted_share_above(v, w, 0.0), 1.0);
  // share_cost_over_2x_median: median 300 (cum 6 >= 5), so nothing is above 600.
  EXPECT_EQ(st::weighted_share_above(v, w, 2.0 * st::weighted_median(v, w)), 0.0);
}

TEST(StatsMedian, InvalidInputThrows) {
  const std::vector<double> v{1, 2};
  EXPECT_THROW(st::weighted_median(v, std::vector<double>{1, 0}), std::invalid_argument);
  EXPECT_THROW(st::weighted_median(v, std::vector<double>{1, -1}), std::invalid_argument);
  EXPECT_THROW(st::weighted_median(v, std::vector<double>{1}), std::invalid_argument);
  EXPECT_THROW(st::weighted_share_above(v, std::vector<double>{0, 1}, 0.0), std::invalid_argument);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(st::weighted_median(std::vector<double>{1, nan}, std::vector<double>{1, 1}),
               std::invalid_argument);
  EXPECT_THROW(st::weighted_median(v, std::vector<double>{1, nan}), std::invalid_argument);
}

TEST(StatsMedian, OrderInvariantBitwise) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<std::pair<double, double>> data;
  for (int i = 0; i < 500; ++i) data.emplace_back(std::floor(u(rng) * 50), 0.1 + u(rng));
  auto run = [&](const std::vector<std::pair<double, double>>& d) {
    std::vector<double> v, w;
    for (const auto& [x, y] : d) {
      v.push_back(x);
      w.push_back(y);
    }
    return std::make_pair(st::weighted_median(v, w), st::weighted_share_above(v, w, 20.0));
  };
  const auto reference = run(data);
  for (int k = 0; k < 5; ++k) {
    std::shuffle(data.begin(), data.end(), rng);
    const auto again = run(data);
    EXPECT_EQ(again.first, reference.first);
    EXPECT_EQ(again.second, reference.second);  // bit-identical, not just close
  }
}

// ---- Kaplan-Meier --------------------------------------------------------------------------

TEST(StatsKaplanMeier, Freireich) {
  const auto obs = freireich();
  const auto km = st::kaplan_meier(obs);
  // Exact product-limit values: at-risk counts 21, 17, 15, 12, 11, 7, 6.
  const double s6 = 18.0 / 21.0;
  const double s7 = s6 * 16.0 / 17.0;
  const double s10 = s7 * 14.0 / 15.0;
  const double s13 = s10 * 11.0 / 12.0;
  const double s16 = s13 * 10.0 / 11.0;
  const double s22 = s16 * 6.0 / 7.0;
  const double s23 = s22 * 5.0 / 6.0;
  const std::vector<std::pair<double, double>> expected{{6, s6},   {7, s7},   {10, s10}, {13, s13},
                                                        {16, s16}, {22, s22}, {23, s23}};
  ASSERT_EQ(km.size(), expected.size());
  for (std::size_t i = 0; i < km.size(); ++i) {
    EXPECT_EQ(km[i].first, expected[i].first);
    EXPECT_NEAR(km[i].second, expected[i].second, 1e-12);
  }
  // Textbook three-decimal values.
  const std::vector<double> printed{0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448};
  for (std::size_t i = 0; i < km.size(); ++i) EXPECT_NEAR(km[i].second, printed[i], 5e-4);
  EXPECT_EQ(st::km_median(obs), 23.0);

  EXPECT_EQ(st::km_survival_at(obs, 0.0), 1.0);
  EXPECT_EQ(st::km_survival_at(obs, 5.99), 1.0);
  EXPECT_NEAR(st::km_survival_at(obs, 6.0), s6, 1e-12);
  EXPECT_NEAR(st::km_survival_at(obs, 12.0), s10, 1e-12);
  EXPECT_NEAR(st::km_survival_at(obs, 24.0), s23, 1e-12);
  EXPECT_NEAR(st::km_survival_at(obs, 100.0), s23, 1e-12);  // last value carried forward

  // RMST to 24: 6*1 + 1*s6 + 3*s7 + 3*s10 + 3*s13 + 6*s16 + 1*s22 + 1*s23.
  const double rmst24 = 6 + s6 + 3 * s7 + 3 * s10 + 3 * s13 + 6 * s16 + s22 + s23;
  EXPECT_NEAR(st::km_rmst(obs, 24.0), rmst24, 1e-12);
  EXPECT_NEAR(st::km_rmst(obs, 24.0), 18.3574, 1e-4);
}

TEST(StatsKaplanMeier, SmallHandExample) {
  // Events at 1, 3, 4; censored at 2. S(1)=3/4, S(3)=3/8, S(4)=0.
  const auto obs = unit({1, 3, 4}, {2});
  const auto km = st::kaplan_meier(obs);
  ASSERT_EQ(km.size(), 3u);
  EXPECT_EQ(km[0].second, 0.75);
  EXPECT_EQ(km[1].second, 0.375);
  EXPECT_EQ(km[2].second, 0.0);  // exactly zero when the last at risk has the event
  EXPECT_EQ(st::km_median(obs), 3.0);
  EXPECT_DOUBLE_EQ(st::km_rmst(obs, 5.0), 2.875);
  EXPECT_DOUBLE_EQ(st::km_rmst(obs, 2.0), 1.75);
  EXPECT_DOUBLE_EQ(st::km_rmst(obs, 3.5), 2.6875);
  EXPECT_DOUBLE_EQ(st::km_rmst(obs, 0.5), 0.5);
  EXPECT_EQ(st::km_rmst(obs, 0.0), 0.0);
}

TEST(StatsKaplanMeier, TiesEventsBeforeCensorings) {
  // At t=2 one event and one censoring: the censored record is still at risk, so
  // S(2) = 1 - 1/3; then one at risk at 5 with an event: S(5) = 0.
  const auto obs = unit({2, 5}, {2});
  const auto km = st::kaplan_meier(obs);
  ASSERT_EQ(km.size(), 2u);
  EXPECT_DOUBLE_EQ(km[0].second, 2.0 / 3.0);
  EXPECT_EQ(km[1].second, 0.0);
}

TEST(StatsKaplanMeier, MedianExactlyHalf) {
  // Events 1..4: S(2) = 3/4 * 2/3 = 0.5 in exact arithmetic; the median is 2.
  EXPECT_EQ(st::km_median(unit({1, 2, 3, 4}, {})), 2.0);
  // Weighted: 0.1 each, same answer despite inexact sums.
  std::vector<Observation> obs;
  for (double t : {1.0, 2.0, 3.0, 4.0}) obs.push_back({t, true, 0.1});
  EXPECT_EQ(st::km_median(obs), 2.0);
  // Events 1..24: S(12) = 12/24 exactly, but the product rounds to 0.5 + 1 ulp.
  std::vector<double> times;
  for (int t = 1; t <= 24; ++t) times.push_back(t);
  EXPECT_EQ(st::km_median(unit(times, {})), 12.0);
  // Weight 0.7 each, ten events: the rounded product is again just above 0.5.
  obs.clear();
  for (int t = 1; t <= 10; ++t) obs.push_back({static_cast<double>(t), true, 0.7});
  EXPECT_EQ(st::km_median(obs), 5.0);
}

TEST(StatsKaplanMeier, NoCensoringIsEmpirical) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> month(0, 60);
  std::vector<Observation> obs;
  std::vector<double> times;
  for (int i = 0; i < 200; ++i) {
    const double t = month(rng);
    obs.push_back({t, true, 1.0});
    times.push_back(t);
  }
  const double n = static_cast<double>(times.size());
  for (const auto& [t, s] : st::kaplan_meier(obs)) {
    const double above = static_cast<double>(
        std::count_if(times.begin(), times.end(), [t = t](double x) { return x > t; }));
    EXPECT_NEAR(s, above / n, 1e-12);
  }
  for (double tau : {0.0, 10.0, 24.0, 59.5, 80.0}) {
    double sum = 0.0;
    for (double t : times) sum += std::min(t, tau);
    EXPECT_NEAR(st::km_rmst(obs, tau), sum / n, 1e-9) << "tau " << tau;
  }
  // KM median equals the lower empirical median: the smallest t with share above <= 0.5.
  std::sort(times.begin(), times.end());
  EXPECT_EQ(st::km_median(obs), times[99]);
  const std::vector<double> ones(times.size(), 1.0);
  EXPECT_EQ(st::km_median(obs), st::weighted_median(times, ones));
}

TEST(StatsKaplanMeier, AllCensored) {
  const auto obs = unit({}, {3, 5, 8});
  EXPECT_TRUE(st::kaplan_meier(obs).empty());
  EXPECT_TRUE(std::isnan(st::km_median(obs)));
  EXPECT_EQ(st::km_rmst(obs, 60.0), 60.0);
  EXPECT_EQ(st::km_survival_at(obs, 24.0), 1.0);
}

TEST(StatsKaplanMeier, SurvivalNeverReachesHalf) {
  // One event among four at risk at t=1, then censorings: S stays at 0.75.
  const auto obs = unit({1}, {2, 3, 4});
  EXPECT_TRUE(std::isnan(st::km_median(obs)));
  EXPECT_EQ(st::km_survival_at(obs, 24.0), 0.75);
}

TEST(StatsKaplanMeier, EmptyIsNaN) {
  const std::vector<Observation> none;
  EXPECT_TRUE(st::kaplan_meier(none).empty());
  EXPECT_TRUE(std::isnan(st::km_median(none)));
  EXPECT_TRUE(std::isnan(st::km_rmst(none, 60.0)));
  EXPECT_TRUE(std::isnan(st::km_survival_at(none, 24.0)));
}

TEST(StatsKaplanMeier, EventAtTimeZero) {
  // Failed crossings can be zero-month spells: the drop happens at 0.
  const auto obs = unit({0, 0, 4, 4}, {});
  EXPECT_EQ(st::km_survival_at(obs, 0.0), 0.5);
  EXPECT_EQ(st::km_median(obs), 0.0);
  EXPECT_DOUBLE_EQ(st::km_rmst(obs, 10.0), 2.0);
}

TEST(StatsKaplanMeier, InvalidInputThrows) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const Observation bad :
       {Observation{1, true, 0.0}, Observation{1, true, -2.0}, Observation{1, false, nan},
        Observation{-1, true, 1.0}, Observation{nan, true, 1.0}, Observation{inf, false, 1.0}}) {
    const std::vector<Observation> obs{{2, true, 1.0}, bad};
    EXPECT_THROW(st::kaplan_meier(obs), std::invalid_argument);
    EXPECT_THROW(st::km_median(obs), std::invalid_argument);
  }
  const auto ok = unit({1}, {2});
  EXPECT_THROW(st::km_rmst(ok, -1.0), std::invalid_argument);
  EXPECT_THROW(st::km_rmst(ok, inf), std::invalid_argument);
  EXPECT_THROW(st::km_survival_at(ok, nan), std::invalid_argument);
}

// Random censored data set with whole-month times and many ties.
std::vector<Observation> random_records(unsigned seed, int n, bool integer_weights) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> month(0, 40);
  std::uniform_int_distribution<int> whole(1, 4);
  std::uniform_real_distribution<double> frac(0.05, 3.0);
  std::bernoulli_distribution event(0.6);
  std::vector<Observation> obs;
  for (int i = 0; i < n; ++i) {
    obs.push_back({static_cast<double>(month(rng)), event(rng),
                   integer_weights ? static_cast<double>(whole(rng)) : frac(rng)});
  }
  return obs;
}

TEST(StatsKaplanMeier, WeightsEqualReplication) {
  const auto weighted = random_records(3, 150, true);
  std::vector<Observation> replicated;
  for (const Observation& o : weighted) {
    for (int k = 0; k < static_cast<int>(o.weight); ++k) replicated.push_back({o.time, o.event, 1});
  }
  const auto a = st::kaplan_meier(weighted);
  const auto b = st::kaplan_meier(replicated);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].first, b[i].first);
    EXPECT_NEAR(a[i].second, b[i].second, 1e-12);
  }
  EXPECT_EQ(st::km_median(weighted), st::km_median(replicated));
  EXPECT_NEAR(st::km_rmst(weighted, 24.0), st::km_rmst(replicated, 24.0), 1e-10);
  EXPECT_NEAR(st::km_survival_at(weighted, 24.0), st::km_survival_at(replicated, 24.0), 1e-12);
  // Scaling every weight by a constant changes nothing.
  std::vector<Observation> scaled = weighted;
  for (Observation& o : scaled) o.weight *= 0.37;
  EXPECT_NEAR(st::km_rmst(scaled, 24.0), st::km_rmst(weighted, 24.0), 1e-10);
}

TEST(StatsKaplanMeier, OrderInvariantBitwise) {
  auto obs = random_records(5, 400, false);
  const auto km = st::kaplan_meier(obs);
  const double median = st::km_median(obs);
  const double rmst = st::km_rmst(obs, 60.0);
  const double s24 = st::km_survival_at(obs, 24.0);
  std::mt19937_64 rng(99);
  for (int k = 0; k < 5; ++k) {
    std::shuffle(obs.begin(), obs.end(), rng);
    EXPECT_EQ(st::kaplan_meier(obs), km);  // bit-identical, not just close
    const double again = st::km_median(obs);
    EXPECT_TRUE(again == median || (std::isnan(again) && std::isnan(median)));
    EXPECT_EQ(st::km_rmst(obs, 60.0), rmst);
    EXPECT_EQ(st::km_survival_at(obs, 24.0), s24);
  }
  // Reversal too (the worst case for a stable sort on time only).
  std::reverse(obs.begin(), obs.end());
  EXPECT_EQ(st::kaplan_meier(obs), km);
}

}  // namespace
