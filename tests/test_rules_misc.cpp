// Unit tests for the convention helpers (MODEL.md 0), seasons (4.5), remittances (4.4),
// reintegration (4.6) and the value terms of the migration decision (4.1, 4.5).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/rules.hpp"

namespace {

namespace r = corridor::rules;

constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- Conventions (0) ----------------------------------------------------------------------------

TEST(RulesConventions, RoundHalfEven) {
  EXPECT_EQ(r::round_half_even(0.5), 0);
  EXPECT_EQ(r::round_half_even(1.5), 2);
  EXPECT_EQ(r::round_half_even(2.5), 2);
  EXPECT_EQ(r::round_half_even(3.5), 4);
  EXPECT_EQ(r::round_half_even(-0.5), 0);
  EXPECT_EQ(r::round_half_even(-1.5), -2);
  EXPECT_EQ(r::round_half_even(-2.5), -2);
  EXPECT_EQ(r::round_half_even(2.4999999), 2);
  EXPECT_EQ(r::round_half_even(2.5000001), 3);
  EXPECT_EQ(r::round_half_even(-2.5000001), -3);
  EXPECT_EQ(r::round_half_even(7.0), 7);
  EXPECT_EQ(r::round_half_even(0.0), 0);
  EXPECT_EQ(r::round_half_even(1e12 + 0.5), 1000000000000);
  EXPECT_EQ(r::round_half_even(1e12 + 1.5), 1000000000002);
  EXPECT_EQ(r::round_half_even(109.53), 110);
}

TEST(RulesConventions, Logistic) {
  EXPECT_DOUBLE_EQ(r::logistic(0.0), 0.5);
  EXPECT_NEAR(r::logistic(1.0), 0.7310585786300049, 1e-15);
  EXPECT_NEAR(r::logistic(-3.0), 1.0 / (1.0 + std::exp(3.0)), 1e-15);
  for (double z : {0.1, 0.5, 1.0, 2.0, 5.0, 20.0, 40.0})
    EXPECT_NEAR(r::logistic(z) + r::logistic(-z), 1.0, 1e-15) << z;
  double prev = 0.0;
  for (double z = -30.0; z <= 30.0; z += 0.5) {
    const double v = r::logistic(z);
    EXPECT_GT(v, prev) << z;
    prev = v;
  }
  // Extreme arguments: no overflow, no NaN.
  EXPECT_EQ(r::logistic(1000.0), 1.0);
  EXPECT_EQ(r::logistic(-1000.0), 0.0);
  EXPECT_EQ(r::logistic(kInf), 1.0);
  EXPECT_EQ(r::logistic(-kInf), 0.0);
  EXPECT_GT(r::logistic(-700.0), 0.0);  // still representable, not flushed to 0
  EXPECT_NEAR(r::logistic(-700.0) / std::exp(-700.0), 1.0, 1e-12);
}

TEST(RulesConventions, BetaAndCalendar) {
  EXPECT_DOUBLE_EQ(r::beta_of(0.01), 1.0 / 1.01);
  EXPECT_DOUBLE_EQ(r::beta_of(0.0), 1.0);
  EXPECT_EQ(r::calendar_month(0, 0), 0);
  EXPECT_EQ(r::calendar_month(10, 0), 10);
  EXPECT_EQ(r::calendar_month(10, 1), 11);
  EXPECT_EQ(r::calendar_month(10, 2), 0);
  EXPECT_EQ(r::calendar_month(10, 14), 0);
  EXPECT_EQ(r::calendar_month(3, 240), 3);
}

TEST(RulesConventions, AnnuityMatchesDirectSum) {
  for (double beta : {1.0 / 1.01, 0.9, 0.5, 1.0})
    for (int64_t t0 : {0, 1, 5, 13})
      for (int64_t H : {1, 2, 12, 24, 600}) {
        double direct = 0.0;
        for (int64_t m = t0 + 1; m <= t0 + H; ++m) direct += std::pow(beta, static_cast<double>(m));
        EXPECT_NEAR(r::annuity(beta, t0, H), direct, 1e-12 * std::max(1.0, direct))
            << beta << " " << t0 << " " << H;
      }
  EXPECT_EQ(r::annuity(0.99, 3, 0), 0.0);
  EXPECT_EQ(r::annuity(0.99, 3, -2), 0.0);
  // a(t0, H) = beta^(t0+1) (1 - beta^H) / (1 - beta) at the default rho.
  const double b = r::beta_of(0.01);
  EXPECT_NEAR(r::annuity(b, 2, 24), std::pow(b, 3) * (1 - std::pow(b, 24)) / (1 - b), 1e-12);
}

TEST(RulesConventions, DiscountSum) {
  const double b = 1.0 / 1.01;
  EXPECT_NEAR(r::discount_sum(b, 1), b, 1e-13);
  EXPECT_NEAR(r::discount_sum(b, 2), b + b * b, 1e-13);
  EXPECT_EQ(r::discount_sum(b, 0), 0.0);
  EXPECT_DOUBLE_EQ(r::discount_sum(1.0, 7), 7.0);
  double direct = 0.0;
  for (int m = 1; m <= 360; ++m) direct += std::pow(b, m);
  EXPECT_NEAR(r::discount_sum(b, 360), direct, 1e-10);
  // Infinite horizon limit beta / (1 - beta) = 1 / rho.
  EXPECT_NEAR(r::discount_sum(b, 100000), 100.0, 1e-9);
}

// ---- Seasons (4.5, 7) ---------------------------------------------------------------------------

TEST(RulesSeasons, WindowAcrossTheYearEnd) {
  // m0 = 10 (November), L = 4: November, December, January, February.
  const bool expected[12] = {true,  true,  false, false, false, false,
                             false, false, false, false, true,  true};
  for (int cal = 0; cal < 12; ++cal) EXPECT_EQ(r::in_season(cal, 10, 4), expected[cal]) << cal;
}

TEST(RulesSeasons, WindowWithinTheYear) {
  for (int cal = 0; cal < 12; ++cal)
    EXPECT_EQ(r::in_season(cal, 3, 5), cal >= 3 && cal <= 7) << cal;
}

TEST(RulesSeasons, WindowLengthsAndStarts) {
  for (int m0 = 0; m0 < 12; ++m0)
    for (int L = 0; L <= 12; ++L) {
      int months = 0;
      for (int cal = 0; cal < 12; ++cal) months += r::in_season(cal, m0, L) ? 1 : 0;
      EXPECT_EQ(months, L) << "m0 " << m0 << " L " << L;
      if (L > 0) {
        EXPECT_TRUE(r::in_season(m0, m0, L));
        EXPECT_TRUE(r::in_season((m0 + L - 1) % 12, m0, L));
      }
      if (L > 0 && L < 12) {
        EXPECT_FALSE(r::in_season((m0 + 11) % 12, m0, L));  // month before m0
        EXPECT_FALSE(r::in_season((m0 + L) % 12, m0, L));   // month after the last
      }
    }
  for (int cal = 0; cal < 12; ++cal) {
    EXPECT_TRUE(r::in_season(cal, 5, 12));
    EXPECT_FALSE(r::in_season(cal, 5, 0));
  }
}

TEST(RulesSeasons, SelectionMonth) {
  EXPECT_EQ(r::season_selection_month(3, 2), 1);
  EXPECT_EQ(r::season_selection_month(1, 3), 10);
  EXPECT_EQ(r::season_selection_month(0, 1), 11);
  EXPECT_EQ(r::season_selection_month(0, 0), 0);
  EXPECT_EQ(r::season_selection_month(5, 12), 5);
  EXPECT_EQ(r::season_selection_month(5, 25), 4);
  for (int m0 = 0; m0 < 12; ++m0)
    for (int t0 = 0; t0 < 30; ++t0) {
      const int s = r::season_selection_month(m0, t0);
      EXPECT_GE(s, 0);
      EXPECT_LT(s, 12);
      EXPECT_EQ((s + t0) % 12, m0);
    }
}

// ---- Remittances (4.4) --------------------------------------------------------------------------

TEST(RulesRemittances, AmountFollowsNeedAndAltruism) {
  const double fixed = 10, pct = 0.01, G = 500, I = 200, S = 2000;
  // Plenty of cash: R = G' + I' + a max(0, S - G' - I').
  EXPECT_DOUBLE_EQ(r::remittance_amount(1e6, fixed, pct, G, I, 0.6, S), 700 + 0.6 * 1300);
  EXPECT_DOUBLE_EQ(r::remittance_amount(1e6, fixed, pct, G, I, 0.0, S), 700);
  EXPECT_DOUBLE_EQ(r::remittance_amount(1e6, fixed, pct, G, I, 1.0, S), S);
  // Surplus below need: only the need is sent.
  EXPECT_DOUBLE_EQ(r::remittance_amount(1e6, fixed, pct, G, I, 0.6, 500), 700);
  EXPECT_DOUBLE_EQ(r::remittance_amount(1e6, fixed, pct, G, I, 0.6, -100), 700);
  // Nothing needed and nothing to spare: nothing sent.
  EXPECT_DOUBLE_EQ(r::remittance_amount(1e6, fixed, pct, 0, 0, 0.6, 0), 0);
}

TEST(RulesRemittances, AmountLimitedByCash) {
  const double fixed = 10, pct = 0.01;
  const double R = r::remittance_amount(1000, fixed, pct, 500, 200, 0.6, 2000);
  EXPECT_DOUBLE_EQ(R, 990 / 1.01);
  EXPECT_NEAR(R * (1 + pct) + fixed, 1000, 1e-9);  // amount plus charges uses all the cash
  // Zero cash (or not enough for the fixed fee): no transfer.
  EXPECT_LE(r::remittance_amount(0, fixed, pct, 500, 200, 0.6, 2000), 0.0);
  EXPECT_LE(r::remittance_amount(10, fixed, pct, 500, 200, 0.6, 2000), 0.0);
  EXPECT_GT(r::remittance_amount(11, fixed, pct, 500, 200, 0.6, 2000), 0.0);
}

TEST(RulesRemittances, ChannelUtility) {
  EXPECT_DOUBLE_EQ(r::channel_utility(1.0, 2.0, 5.0, 0.02, 0.03, 100.0),
                   1.0 - 2.0 * (5.0 + 5.0) / 100.0);
  EXPECT_DOUBLE_EQ(r::channel_utility(0.5, 1.0, 0.0, 0.0, 0.0, 100.0), 0.5);
  // A fixed fee weighs less on a larger transfer.
  EXPECT_LT(r::channel_utility(0, 1, 5, 0.02, 0.0, 50),
            r::channel_utility(0, 1, 5, 0.02, 0.0, 500));
  // A dearer margin lowers utility.
  EXPECT_GT(r::channel_utility(0, 1, 5, 0.02, 0.0, 100),
            r::channel_utility(0, 1, 5, 0.02, 0.05, 100));
  EXPECT_EQ(r::channel_utility(1, 1, 5, 0.02, 0.0, 0), -kInf);
  EXPECT_EQ(r::channel_utility(1, 1, 5, 0.02, 0.0, -3), -kInf);
}

// ---- Reintegration (4.6) -----------------------------------------------------------------------

TEST(RulesReintegration, BusinessIncomeIsCapitalIncomePlusTheOwnersWageOnlyWhenPresent) {
  const double thr = 1000, K = 2000, rk = 0.05, el = -0.2;
  const double capital_income = K * rk * std::pow(2.0, el);
  EXPECT_NEAR(r::business_income(K, 300, thr, rk, el, true), 300 + capital_income, 1e-9);
  // Abroad, the household keeps the return on capital; nobody earns the owner's wage.
  EXPECT_NEAR(r::business_income(K, 300, thr, rk, el, false), capital_income, 1e-9);
  EXPECT_EQ(r::business_income(0, 300, thr, rk, el, false), 0.0);
  EXPECT_EQ(r::business_income(0, 300, thr, rk, el, true), 300.0);
}

TEST(RulesReintegration, BusinessStartProbability) {
  const double thr = 1200, g0 = -4, g1 = 1, g2 = 0.3;
  EXPECT_EQ(r::business_start_probability(thr, thr, g0, g1, g2, false), 0.0);
  EXPECT_EQ(r::business_start_probability(thr, thr, g0, g1, g2, true), 0.0);
  EXPECT_EQ(r::business_start_probability(500, thr, g0, g1, g2, true), 0.0);
  EXPECT_EQ(r::business_start_probability(-500, thr, g0, g1, g2, true), 0.0);
  EXPECT_EQ(r::business_start_probability(500, 0, g0, g1, g2, true), 0.0);
  const double e = std::exp(1.0);
  EXPECT_NEAR(r::business_start_probability(e * thr, thr, g0, g1, g2, false),
              1.0 / (1.0 + std::exp(3.0)), 1e-14);
  EXPECT_NEAR(r::business_start_probability(e * thr, thr, g0, g1, g2, true),
              1.0 / (1.0 + std::exp(2.7)), 1e-14);
  // Just above the threshold: Lambda(g0).
  EXPECT_NEAR(r::business_start_probability(thr * (1 + 1e-12), thr, g0, g1, g2, false),
              1.0 / (1.0 + std::exp(4.0)), 1e-9);
  double prev = 0.0;
  for (double k = 1.1; k < 50; k *= 1.5) {
    const double p = r::business_start_probability(k * thr, thr, g0, g1, g2, false);
    EXPECT_GT(p, prev) << k;
    EXPECT_GT(r::business_start_probability(k * thr, thr, g0, g1, g2, true), p) << k;
    prev = p;
  }
}

TEST(RulesReintegration, ReturnToCapital) {
  EXPECT_DOUBLE_EQ(r::return_to_capital(1200, 1200, 0.046, -0.2), 0.046);
  EXPECT_NEAR(r::return_to_capital(2400, 1200, 0.046, -0.2), 0.046 * std::pow(2.0, -0.2), 1e-15);
  EXPECT_DOUBLE_EQ(r::return_to_capital(5000, 1200, 0.046, 0.0), 0.046);
  EXPECT_EQ(r::return_to_capital(0, 1200, 0.046, -0.2), 0.0);
  EXPECT_EQ(r::return_to_capital(-10, 1200, 0.046, -0.2), 0.0);
  EXPECT_EQ(r::return_to_capital(100, 0, 0.046, -0.2), 0.0);
  // Diminishing returns with a negative elasticity.
  EXPECT_GT(r::return_to_capital(600, 1200, 0.046, -0.2),
            r::return_to_capital(6000, 1200, 0.046, -0.2));
}

}  // namespace
