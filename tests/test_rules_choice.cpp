// Unit tests for the multinomial logit choice (MODEL.md 4.1, exact check of 7) and the
// counter-based random streams it is fed from (sim/engine/rng.hpp).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "engine/rng.hpp"
#include "model/rules.hpp"

namespace {

namespace r = corridor::rules;
using corridor::Rng;
using corridor::Stream;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Closed-form logit probabilities, computed naively (fine for small utilities).
std::vector<double> naive_logit(const std::vector<double>& u) {
  std::vector<double> p(u.size());
  double s = 0.0;
  for (size_t i = 0; i < u.size(); ++i) s += std::exp(u[i]);
  for (size_t i = 0; i < u.size(); ++i) p[i] = std::exp(u[i]) / s;
  return p;
}

std::vector<double> probs(const std::vector<double>& u) {
  std::vector<double> p(u.size(), -1.0);
  r::logit_probabilities(u, p);
  return p;
}

// ---- Logit probabilities ----------------------------------------------------------------------

TEST(RulesLogit, ProbabilitiesMatchClosedFormAndSumToOne) {
  const std::vector<std::vector<double>> cases = {
      {0, 0}, {0, 1, -1}, {2, 0, 0, -3}, {0.3}, {-5, 5, 0.1, 2.2, -0.7}};
  for (const auto& u : cases) {
    const auto p = probs(u);
    const auto q = naive_logit(u);
    double sum = 0.0;
    for (size_t i = 0; i < u.size(); ++i) {
      EXPECT_NEAR(p[i], q[i], 1e-14);
      sum += p[i];
    }
    EXPECT_NEAR(sum, 1.0, 1e-14);
  }
  const auto p = probs({0, std::log(3.0)});
  EXPECT_NEAR(p[0], 0.25, 1e-15);
  EXPECT_NEAR(p[1], 0.75, 1e-15);
}

TEST(RulesLogit, MinusInfinityHasProbabilityZero) {
  const auto p = probs({-kInf, 0, std::log(3.0), -kInf});
  EXPECT_EQ(p[0], 0.0);
  EXPECT_EQ(p[3], 0.0);
  EXPECT_NEAR(p[1], 0.25, 1e-15);
  EXPECT_NEAR(p[2], 0.75, 1e-15);
  const auto single = probs({-kInf, 7.0});
  EXPECT_EQ(single[0], 0.0);
  EXPECT_EQ(single[1], 1.0);
}

TEST(RulesLogit, LargeUtilitiesDoNotOverflow) {
  const double e = std::exp(1.0);
  for (double base : {1000.0, 1e6, -1000.0, -1e6}) {
    const auto p = probs({base, base + 1.0});
    ASSERT_TRUE(std::isfinite(p[0]) && std::isfinite(p[1])) << base;
    EXPECT_NEAR(p[0], 1.0 / (1.0 + e), 1e-12) << base;
    EXPECT_NEAR(p[1], e / (1.0 + e), 1e-12) << base;
  }
  const auto p = probs({0.0, 800.0, 790.0});
  EXPECT_EQ(p[0], 0.0);
  EXPECT_NEAR(p[1], 1.0 / (1.0 + std::exp(-10.0)), 1e-15);
  EXPECT_NEAR(p[2], std::exp(-10.0) / (1.0 + std::exp(-10.0)), 1e-15);
  EXPECT_EQ(r::logit_choice(std::vector<double>{0.0, 800.0}, 0.999999), 1);
  EXPECT_EQ(r::logit_choice(std::vector<double>{800.0, 0.0}, 0.999999), 0);
  EXPECT_EQ(r::logit_choice(std::vector<double>{1e6, 1e6 + 1.0}, 0.1), 0);
  EXPECT_EQ(r::logit_choice(std::vector<double>{1e6, 1e6 + 1.0}, 0.9), 1);
}

// ---- Logit choice -----------------------------------------------------------------------------

TEST(RulesLogit, ChoiceIsTheInverseCdfOfTheProbabilities) {
  const std::vector<double> u = {2, 0, 0, -3};
  const auto p = probs(u);
  std::vector<double> cdf(p.size());
  std::partial_sum(p.begin(), p.end(), cdf.begin());
  for (int k = 1; k < 1000; ++k) {
    const double x = k / 1000.0;
    int expected = 0;
    while (expected < 3 && x >= cdf[static_cast<size_t>(expected)]) ++expected;
    // Skip the points within rounding of a boundary.
    bool near_boundary = false;
    for (double c : cdf) near_boundary = near_boundary || std::abs(x - c) < 1e-12;
    if (near_boundary) continue;
    EXPECT_EQ(r::logit_choice(u, x), expected) << "u = " << x;
  }
  // Two equal options split at one half.
  EXPECT_EQ(r::logit_choice(std::vector<double>{0, 0}, 0.4999), 0);
  EXPECT_EQ(r::logit_choice(std::vector<double>{0, 0}, 0.5001), 1);
}

TEST(RulesLogit, ExtremeUniformsStayOnFiniteOptions) {
  const double lo = 0x1.0p-54;        // the smallest value Rng::uniform() returns
  const double hi = 1.0 - 0x1.0p-54;  // the largest
  const std::vector<double> u = {-kInf, 0.0, 1.0, -kInf};
  EXPECT_EQ(r::logit_choice(u, lo), 1);
  EXPECT_EQ(r::logit_choice(u, hi), 2);
  for (int k = 1; k < 1000; ++k) {
    const int c = r::logit_choice(u, k / 1000.0);
    EXPECT_TRUE(c == 1 || c == 2) << c;
  }
  EXPECT_EQ(r::logit_choice(std::vector<double>{5.0}, hi), 0);
  EXPECT_EQ(r::logit_choice(std::vector<double>{-kInf, -1.0}, lo), 1);
}

// MODEL.md 7: 10^6 draws each, fixed seed; each share within 4 standard errors.
TEST(RulesLogit, ExactCheckFrequencies) {
  const std::vector<std::vector<double>> cases = {{0, 0}, {0, 1, -1}, {2, 0, 0, -3}};
  const int N = 1000000;
  uint64_t agent = 0;
  for (const auto& u : cases) {
    Rng rng(20070709, 0, Stream::kChoice, agent++, 0, 0);
    std::vector<int64_t> count(u.size(), 0);
    for (int i = 0; i < N; ++i) ++count[static_cast<size_t>(r::logit_choice(u, rng.uniform()))];
    const auto p = naive_logit(u);
    for (size_t i = 0; i < u.size(); ++i) {
      const double share = static_cast<double>(count[i]) / N;
      const double se = std::sqrt(p[i] * (1.0 - p[i]) / N);
      EXPECT_NEAR(share, p[i], 4.0 * se) << "option " << i << " of case " << agent - 1;
    }
  }
}

// ---- Random streams ----------------------------------------------------------------------------

std::array<uint64_t, 9> first_values(Rng rng) {
  std::array<uint64_t, 9> v{};
  for (auto& x : v) x = rng.next_u64();
  return v;
}

TEST(Rng, SameKeySameSequence) {
  Rng a(42, 3, Stream::kChoice, 17, 2, 120);
  Rng b(42, 3, Stream::kChoice, 17, 2, 120);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next_u64(), b.next_u64()) << i;
  Rng c(42, 3, Stream::kChoice, 17, 2, 120);
  Rng d(42, 3, Stream::kChoice, 17, 2, 120);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(c.uniform(), d.uniform());
  EXPECT_EQ(corridor::ranking_key(42, 3, Stream::kChoice, 17, 2, 120),
            Rng(42, 3, Stream::kChoice, 17, 2, 120).next_u64());
}

TEST(Rng, EachKeyComponentChangesTheSequence) {
  const auto base = first_values(Rng(42, 3, Stream::kChoice, 17, 2, 120));
  const std::array<std::array<uint64_t, 9>, 6> others = {
      first_values(Rng(43, 3, Stream::kChoice, 17, 2, 120)),
      first_values(Rng(42, 4, Stream::kChoice, 17, 2, 120)),
      first_values(Rng(42, 3, Stream::kFee, 17, 2, 120)),
      first_values(Rng(42, 3, Stream::kChoice, 18, 2, 120)),
      first_values(Rng(42, 3, Stream::kChoice, 17, 3, 120)),
      first_values(Rng(42, 3, Stream::kChoice, 17, 2, 121)),
  };
  for (size_t k = 0; k < others.size(); ++k)
    for (size_t i = 0; i < base.size(); ++i)
      EXPECT_NE(others[k][i], base[i]) << "component " << k << " draw " << i;
  // Successive blocks within one stream differ too (the block counter advances).
  for (size_t i = 0; i < 4; ++i) EXPECT_NE(base[i], base[i + 4]);
  // Distinct streams for one agent and month never share a first draw.
  EXPECT_NE(corridor::ranking_key(1, 0, Stream::kSelectionKey, 5, 0, 9),
            corridor::ranking_key(1, 0, Stream::kRehire, 5, 0, 9));
}

TEST(Rng, UniformIsStrictlyInsideTheUnitIntervalWithTheRightMoments) {
  const int N = 1000000;
  Rng rng(1, 0, Stream::kInit, 0, 0, 0);
  double s = 0.0, s2 = 0.0, mn = 1.0, mx = 0.0;
  for (int i = 0; i < N; ++i) {
    const double u = rng.uniform();
    mn = std::min(mn, u);
    mx = std::max(mx, u);
    s += u;
    s2 += (u - 0.5) * (u - 0.5);
  }
  EXPECT_GT(mn, 0.0);
  EXPECT_LT(mx, 1.0);
  EXPECT_LT(mn, 1e-4);  // the draws do spread over the interval
  EXPECT_GT(mx, 1.0 - 1e-4);
  const double mean = s / N, var = s2 / N;
  EXPECT_NEAR(mean, 0.5, 4.0 * std::sqrt(1.0 / 12.0 / N));
  // Var of (U - 1/2)^2 is 1/80 - 1/144.
  EXPECT_NEAR(var, 1.0 / 12.0, 4.0 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / N));
}

TEST(Rng, NormalHasMeanZeroAndVarianceOne) {
  const int N = 1000000;
  Rng rng(2, 1, Stream::kDemography, 3, 0, 7);
  double s = 0.0, s2 = 0.0;
  int below_median = 0;
  Rng rng2(2, 1, Stream::kFee, 3, 0, 7);
  for (int i = 0; i < N; ++i) {
    const double z = rng.normal();
    s += z;
    s2 += z * z;
    if (rng2.lognormal(3.0, 0.5) < 3.0) ++below_median;
  }
  const double mean = s / N;
  EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(N));
  EXPECT_NEAR(s2 / N - mean * mean, 1.0, 4.0 * std::sqrt(2.0 / N));
  EXPECT_NEAR(static_cast<double>(below_median) / N, 0.5, 4.0 * std::sqrt(0.25 / N));
}

TEST(Rng, BernoulliFrequency) {
  const int N = 200000;
  Rng rng(9, 0, Stream::kJobLoss, 1, 0, 0);
  int hits = 0;
  for (int i = 0; i < N; ++i) hits += rng.bernoulli(0.3) ? 1 : 0;
  EXPECT_NEAR(static_cast<double>(hits) / N, 0.3, 4.0 * std::sqrt(0.21 / N));
  Rng edge(9, 0, Stream::kJobLoss, 2, 0, 0);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(edge.bernoulli(0.0));
    EXPECT_TRUE(edge.bernoulli(1.0));
  }
}

}  // namespace
