// The value functions of sim/model/values.hpp, each against a case computed by hand (or by
// a direct sum written out in the test).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model/values.hpp"

namespace corridor {
namespace {

namespace v = values;

TEST(Values, ReentryDiscountsEachCycleByItsStartNotByTheGap) {
  // beta 0.5, q 0.5, gap 1, cycle of 2 months, 3 cycles, G 16:
  // j=1: beta^1 16 = 8; j=2: q beta^(1+2) 16 = 0.5 * 0.125 * 16 = 1; j=3: q^2 beta^5 16 = 0.125.
  EXPECT_DOUBLE_EQ(v::reentry(0.5, 0.5, 1, 2, 3, 16.0), 8.0 + 1.0 + 0.125);
  // The old rule discounted cycle j by beta^(j gap): with gap 1 it gave 8 + 2 + 0.5.
  EXPECT_LT(v::reentry(0.5, 0.5, 1, 2, 3, 16.0), 8.0 + 2.0 + 0.5);
  // A seasonal scheme re-hired every 12 months with q = 1 and beta = 1: J cycles of G.
  EXPECT_DOUBLE_EQ(v::reentry(1.0, 1.0, 0, 12, 5, 100.0), 500.0);
  // Direct sum at realistic values.
  const double beta = 1.0 / 1.01, q = 0.8, G = 2500.0;
  const int64_t gap = 3, C = 3 + 24 + 3, J = 6;
  double direct = 0.0;
  for (int64_t j = 1; j <= J; ++j)
    direct += std::pow(q, static_cast<double>(j - 1)) *
              std::pow(beta, static_cast<double>(gap + (j - 1) * C)) * G;
  EXPECT_NEAR(v::reentry(beta, q, gap, C, J, G), direct, 1e-9 * direct);
}

TEST(Values, ReentryIsNeverNegativeAndNeedsAnOfferAndACycle) {
  EXPECT_EQ(v::reentry(0.99, 0.8, 0, 12, 5, -300.0), 0.0);  // a losing cycle is declined
  EXPECT_EQ(v::reentry(0.99, 0.0, 0, 12, 5, 300.0), 0.0);
  EXPECT_EQ(v::reentry(0.99, 0.8, 0, 12, 0, 300.0), 0.0);
}

TEST(Values, SettlementIsTheDiscountedHazardTimesTheStream) {
  // beta 1: hazard term p / (1 - (1 - p)) = 1, stream M net.
  EXPECT_DOUBLE_EQ(v::settlement(1.0, 0.25, 10, 50.0), 500.0);
  // beta 0.5, p 1: settles next month (0.5), stream 0.5 + 0.25 = 0.75 of net 8: 0.5 * 6.
  EXPECT_DOUBLE_EQ(v::settlement(0.5, 1.0, 2, 8.0), 3.0);
  EXPECT_EQ(v::settlement(0.9, 0.0, 10, 50.0), 0.0);
}

TEST(Values, ResidencePathWeighsSettlementByTheChanceOfCompletingIt) {
  // beta 1, p 1: settlement = months left x net. Two cycles of 12 months still needed
  // with q_eff 0.5: 0.25 x (120 - 24) x 10.
  EXPECT_DOUBLE_EQ(v::residence_path(1.0, 2, 0.5, 12, 1.0, 120, 10.0), 0.25 * 96 * 10.0);
  // No route back: nothing, unless no further cycle is needed.
  EXPECT_EQ(v::residence_path(1.0, 2, 0.0, 12, 1.0, 120, 10.0), 0.0);
  EXPECT_DOUBLE_EQ(v::residence_path(1.0, 0, 0.0, 12, 1.0, 120, 10.0), 1200.0);
  // Discounted over the cycles: beta^(n C).
  const double beta = 0.99;
  EXPECT_NEAR(v::residence_path(beta, 3, 1.0, 12, 0.05, 300, 400.0),
              std::pow(beta, 36.0) * v::settlement(beta, 0.05, 300 - 36, 400.0), 1e-9);
}

TEST(Values, ReturnAddsWhatTheReturnBrings) {
  v::ReturnTerms t;
  t.balances = 100;
  t.bonus = 50;
  t.reentry = 25;
  t.path = 5;
  EXPECT_DOUBLE_EQ(t.total(), 180.0);
  // beta 1, T 3, y 10: 30 + 180.
  EXPECT_DOUBLE_EQ(v::value_return(1.0, 3, 10.0, t), 210.0);
  EXPECT_DOUBLE_EQ(v::value_return_with_savings(1.0, 3, 10.0, 40.0, t), 250.0);
}

TEST(Values, StayCountsDetectionHousingAndTheDeportationLoss) {
  // beta 1, delta 0.5, two months; p_irr 1 then 0; wage 100, living 20, housing 10, home 8.
  // m=1: 0.5 (100 - 30) + 0.5 8 = 39; m=2: 0.25 (0 - 30) + 0.75 8 = -1.5.
  // Savings 200, loss 0.5 if detected by month 2 (0.75): 200 (1 - 0.375) = 125.
  const std::vector<double> p = {1.0, 0.0};
  EXPECT_DOUBLE_EQ(v::value_stay(1.0, 0.5, p, 100, 20, 10, 8, 200, 0.5), 39.0 - 1.5 + 125.0);
  // No work at all: every undetected month costs living and housing.
  const std::vector<double> none(24, 0.0);
  EXPECT_LT(v::value_stay(0.99, 0.0015, none, 900, 300, 200, 150, 0, 0.5), 0.0);
  // Housing lowers the value of staying month by month.
  EXPECT_DOUBLE_EQ(v::value_stay(1.0, 0.0, p, 100, 20, 0, 8, 0, 0.5) -
                       v::value_stay(1.0, 0.0, p, 100, 20, 10, 8, 0, 0.5),
                   20.0);
}

TEST(Values, RenewWorksHMonthsThenReturns) {
  v::ReturnTerms after;
  after.bonus = 100;
  // beta 1, H 2, T 5: 2 x 0.5 x 300 + 3 x 10 + 100.
  EXPECT_DOUBLE_EQ(v::value_renew(1.0, 2, 5, 300, 0.5, 10, after), 300.0 + 30.0 + 100.0);
  // beta 0.5, H 1, T 1: 0.5 x 300 + 0.5 x 100.
  EXPECT_DOUBLE_EQ(v::value_renew(0.5, 1, 1, 300, 1.0, 10, after), 150.0 + 50.0);
}

TEST(Values, ContinueAndReturnEarly) {
  v::ReturnTerms t;
  t.balances = 40;
  t.bonus = 60;
  // beta 0.5, 2 months: net 100 -> 50 + 25 = 75; terms at beta^2: 25.
  EXPECT_DOUBLE_EQ(v::value_continue(0.5, 2, 100, t), 100.0);
  // Early: home income 20 -> 10 + 5 = 15, balances paid now, bonus lost.
  EXPECT_DOUBLE_EQ(v::value_return_early(0.5, 2, 20, 40), 55.0);
}

TEST(Values, IrregularRouteEdgeCases) {
  // Success in one of 3 attempts at 0.5: 0.875; one month at beta 1, delta 0.
  const std::vector<double> one = {1.0};
  EXPECT_DOUBLE_EQ(v::irregular_route(1.0, 0.5, 3, 0.0, one, 100, 10, 20), 0.875 * 70);
  const std::vector<double> two = {1.0, 0.5};
  EXPECT_DOUBLE_EQ(v::irregular_route(1.0, 1.0, 1, 0.0, two, 100, 10, 20), 70 + 20);
  EXPECT_EQ(v::irregular_route(0.99, 0.5, 0, 0.0, two, 100, 10, 20), 0.0);  // no attempt
  EXPECT_EQ(v::irregular_route(0.99, 0.0, 3, 0.0, two, 100, 10, 20), 0.0);  // never crosses
  EXPECT_EQ(v::irregular_route(0.99, 0.5, 3, 1.0, two, 100, 10, 20), 0.0);  // always caught
  EXPECT_EQ(v::irregular_route(0.99, 0.5, 3, 0.0, std::vector<double>{}, 100, 10, 20), 0.0);
  EXPECT_LT(v::irregular_route(0.99, 0.5, 3, 0.01, std::vector<double>{0.0, 0.0}, 100, 10, 20),
            0.0);
}

TEST(Values, IrregularRouteMatchesADirectLoop) {
  const double beta = 1.0 / 1.01;
  std::vector<double> p(24);
  for (size_t m = 0; m < p.size(); ++m) p[m] = 0.3 + 0.02 * static_cast<double>(m % 12);
  for (double pi : {0.1, 0.5, 0.9})
    for (int attempts : {1, 2, 3})
      for (double delta : {0.0, 0.01, 0.1}) {
        double sum = 0.0;
        for (size_t m = 1; m <= p.size(); ++m) {
          const double md = static_cast<double>(m);
          sum += std::pow(beta, md) * std::pow(1.0 - delta, md) * (p[m - 1] * 1500 - 300 - 200);
        }
        const double d = (1.0 - std::pow(1.0 - pi, attempts)) * sum;
        EXPECT_NEAR(v::irregular_route(beta, pi, attempts, delta, p, 1500, 300, 200), d,
                    1e-9 * std::abs(d));
      }
}

}  // namespace
}  // namespace corridor
