// The value functions of sim/model/values.hpp, each against a case computed by hand (or by
// a direct sum written out in the test).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
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

TEST(Values, ReturnTermsTotalAddsWhatTheReturnBrings) {
  v::ReturnTerms t;
  t.balances = 100;
  t.bonus = 50;
  t.reentry = 25;
  t.path = 5;
  EXPECT_DOUBLE_EQ(t.total(), 180.0);
}

// ---- Helpers: the scales and the header's formulas written out month by month ----------

double bpow(double beta, int64_t m) {
  return std::pow(beta, static_cast<double>(m));
}

// sum_{m=a..b} beta^m, by a loop.
double dsum(double beta, int64_t a, int64_t b) {
  double s = 0.0;
  for (int64_t m = a; m <= b; ++m) s += bpow(beta, m);
  return s;
}

// The linear limit: gamma = zeta = 0, c_sub = 0, x = 1, unit = 1, so u(c) = c - 1; c_other
// large enough that consumption stays positive in every case below.
v::Scale linear(double beta = 1.0 / 1.01, int64_t exit_months = 480) {
  v::Scale s;
  s.beta = beta;
  s.x = 1.0;
  s.c_other = 5000.0;
  s.c_sub = 0.0;
  s.zeta = 0.0;
  s.gamma = 0.0;
  s.exit_months = exit_months;
  s.unit = 1.0;
  return s;
}

// A curved household: 8 local units per USD, other members earn 2400 a month, subsistence
// 1500 (of which 0.8 is the floor of u), gamma 1.5, 30 years to the exit age.
v::Scale curved(double c_other = 2400.0, double x = 8.0) {
  v::Scale s;
  s.beta = 1.0 / 1.01;
  s.x = x;
  s.c_other = c_other;
  s.c_sub = 1500.0;
  s.zeta = 0.8;
  s.gamma = 1.5;
  s.exit_months = 360;
  s.unit = 1.0;
  return s;
}

// u(c) of the header, written out.
double u_ref(const v::Scale& s, double c_local) {
  const double k = std::max(c_local, s.c_sub) - s.zeta * s.c_sub;
  if (s.gamma == 1.0) return std::log(k);
  return (std::pow(k, 1.0 - s.gamma) - 1.0) / (1.0 - s.gamma);
}
double um_ref(const v::Scale& s, double e_usd) {
  return u_ref(s, s.c_other + s.x * e_usd);
}

// A(W) = sum_{m=1..M-T} beta^m u(c_other + x (y_home + r_a W)), r_a = rho / (1 - beta^(M-T)).
double annuity_ref(const v::Scale& s, int64_t T, double W, double y) {
  const int64_t n = s.exit_months - T;
  const double rho = 1.0 / s.beta - 1.0;
  const double level = y + rho / (1.0 - bpow(s.beta, n)) * W;
  double a = 0.0;
  for (int64_t m = 1; m <= n; ++m) a += bpow(s.beta, m) * um_ref(s, level);
  return a;
}

// Wealth arriving `at` months ahead, compounded at rho = 1/beta - 1 to T.
double grow(const v::Scale& s, double W, int64_t at, int64_t T) {
  return W * std::pow(1.0 + (1.0 / s.beta - 1.0), static_cast<double>(T - at));
}

double home_ref(const v::Scale& s, int64_t T, double y, double W) {
  double u = 0.0;
  for (int64_t m = 1; m <= T; ++m) u += bpow(s.beta, m) * um_ref(s, y);
  return u + bpow(s.beta, T) * annuity_ref(s, T, grow(s, W, 0, T), y);
}

double work_ref(const v::Scale& s, int64_t H, int64_t T, double net, double unpaid, double p,
                double y, double S, double after) {
  double u = 0.0;
  for (int64_t m = 1; m <= T; ++m)
    u += bpow(s.beta, m) *
         (m <= H ? p * um_ref(s, net) + (1.0 - p) * um_ref(s, -unpaid) : um_ref(s, y));
  return u + bpow(s.beta, T) * annuity_ref(s, T, grow(s, S, 0, T) + grow(s, after, H, T), y);
}

double contract_ref(const v::Scale& s, int64_t t0, int64_t H, int64_t T, double ne, double nu,
                    double p, double y, double W, double cost, double lump) {
  double u = 0.0;
  for (int64_t m = 1; m <= T; ++m) {
    const bool abroad = m > t0 && m <= t0 + H;
    u += bpow(s.beta, m) * (abroad ? p * um_ref(s, ne) + (1.0 - p) * um_ref(s, nu) : um_ref(s, y));
  }
  return u +
         bpow(s.beta, T) * annuity_ref(s, T, grow(s, W - cost, 0, T) + grow(s, lump, t0 + H, T), y);
}

double stay_ref(const v::Scale& s, double delta, const std::vector<double>& p, double w,
                double living, double housing, double y, double S, double loss) {
  const auto T = static_cast<int64_t>(p.size());
  double u = 0.0;
  for (int64_t m = 1; m <= T; ++m) {
    const double und = bpow(1.0 - delta, m);
    const double pm = p[static_cast<size_t>(m - 1)];
    u += bpow(s.beta, m) *
         (und * (pm * um_ref(s, w - living - housing) + (1.0 - pm) * um_ref(s, -living - housing)) +
          (1.0 - und) * um_ref(s, y));
  }
  const double und_T = bpow(1.0 - delta, T);
  return u +
         bpow(s.beta, T) * (und_T * annuity_ref(s, T, grow(s, S, 0, T), y) +
                            (1.0 - und_T) * annuity_ref(s, T, grow(s, S * (1.0 - loss), 0, T), y));
}

double route_ref(const v::Scale& s, int64_t T, double pi, int attempts, double delta,
                 const std::vector<double>& p, double w, double cost, double y, double W,
                 double fee) {
  const double success = 1.0 - std::pow(1.0 - pi, static_cast<double>(attempts));
  const auto H = static_cast<int64_t>(p.size());
  double u = 0.0;
  for (int64_t m = 1; m <= T; ++m) {
    double month = um_ref(s, y);
    if (m <= H) {
      const double und = bpow(1.0 - delta, m);
      const double pm = p[static_cast<size_t>(m - 1)];
      const double abroad = und * (pm * um_ref(s, w - cost) + (1.0 - pm) * um_ref(s, -cost)) +
                            (1.0 - und) * um_ref(s, y);
      month = success * abroad + (1.0 - success) * um_ref(s, y);
    }
    u += bpow(s.beta, m) * month;
  }
  return u + bpow(s.beta, T) * annuity_ref(s, T, grow(s, W - fee, 0, T), y);
}

// Irregular employment odds varying by calendar month.
std::vector<double> odds(size_t n) {
  std::vector<double> p(n);
  for (size_t m = 0; m < n; ++m) p[m] = 0.3 + 0.04 * static_cast<double>(m % 12);
  return p;
}

// Tolerance relative to a magnitude (at least 1).
double rel(double magnitude, double r = 1e-10) {
  return r * std::max(1.0, std::abs(magnitude));
}

// ---- u, u', the month and the annuity --------------------------------------------------

TEST(Values, UtilityInTheLinearLimitIsConsumptionMinusOne) {
  const v::Scale s = linear();
  EXPECT_NEAR(v::utility(s, 1234.5), 1233.5, rel(1233.5));
  EXPECT_NEAR(v::month_utility(s, 300.0), 5000.0 + 300.0 - 1.0, rel(5299.0));
  EXPECT_NEAR(v::month_utility(s, -700.0), 5000.0 - 700.0 - 1.0, rel(4299.0));
  EXPECT_NEAR(v::marginal_utility(s, 1234.5), 1.0, 1e-14);
}

TEST(Values, UtilityIsLogAtGammaOne) {
  v::Scale s;
  s.gamma = 1.0;
  s.zeta = 0.5;
  s.c_sub = 100.0;
  s.c_other = 200.0;
  s.x = 2.0;
  // c - zeta c_sub = 300 - 50.
  EXPECT_NEAR(v::utility(s, 300.0), std::log(250.0), 1e-13);
  // month: 200 + 2 x 50 = 300.
  EXPECT_NEAR(v::month_utility(s, 50.0), std::log(250.0), 1e-13);
  EXPECT_NEAR(v::marginal_utility(s, 300.0), 1.0 / 250.0, 1e-15);
}

TEST(Values, UtilityAtGammaTwoIsOneMinusTheInverse) {
  v::Scale s;
  s.gamma = 2.0;
  s.zeta = 0.5;
  s.c_sub = 40.0;
  s.c_other = 100.0;
  s.x = 2.0;
  // c = 100 + 2 x 50 = 200; 200 - 20 = 180.
  EXPECT_NEAR(v::utility(s, 200.0), 1.0 - 1.0 / 180.0, 1e-14);
  EXPECT_NEAR(v::month_utility(s, 50.0), 1.0 - 1.0 / 180.0, 1e-14);
  EXPECT_NEAR(v::marginal_utility(s, 200.0), 1.0 / (180.0 * 180.0), 1e-16);
  // gamma 1.5: ((c - zeta c_sub)^(-1/2) - 1) / (-1/2) = 2 - 2 / sqrt(180).
  s.gamma = 1.5;
  EXPECT_NEAR(v::utility(s, 200.0), 2.0 - 2.0 / std::sqrt(180.0), 1e-14);
  EXPECT_NEAR(v::marginal_utility(s, 200.0), std::pow(180.0, -1.5), 1e-16);
}

TEST(Values, ConsumptionBelowSubsistenceIsFlooredAtIt) {
  v::Scale s;
  s.gamma = 2.0;
  s.zeta = 0.8;
  s.c_sub = 500.0;
  s.c_other = 300.0;
  s.x = 10.0;
  // Floored at 500: 500 - 400 = 100.
  const double floor_u = 1.0 - 1.0 / 100.0;
  EXPECT_NEAR(v::utility(s, 200.0), floor_u, 1e-14);
  EXPECT_NEAR(v::utility(s, -1000.0), floor_u, 1e-14);
  EXPECT_NEAR(v::utility(s, 500.0), floor_u, 1e-14);
  // A month in which the migrant costs the household 100 USD: 300 - 1000 < 500.
  EXPECT_NEAR(v::month_utility(s, -100.0), floor_u, 1e-14);
  EXPECT_NEAR(v::marginal_utility(s, 200.0), 1.0 / (100.0 * 100.0), 1e-16);
  // Just above the floor u rises again.
  EXPECT_GT(v::utility(s, 510.0), floor_u);
}

TEST(Values, MarginalUtilityIsTheSlopeOfUtility) {
  for (double gamma : {0.0, 0.5, 1.0, 1.5, 2.0, 3.0}) {
    v::Scale s;
    s.gamma = gamma;
    s.zeta = 0.8;
    s.c_sub = 1000.0;
    for (double c : {1200.0, 2500.0, 9000.0}) {
      const double h = 1e-3 * (c - 800.0);  // central difference, error ~ (h / k)^2
      const double slope = (v::utility(s, c + h) - v::utility(s, c - h)) / (2.0 * h);
      const double mu = v::marginal_utility(s, c);
      EXPECT_NEAR(mu, std::pow(c - 800.0, -gamma), 1e-12 * mu) << gamma << " " << c;
      EXPECT_NEAR(slope, mu, 1e-5 * mu) << gamma << " " << c;
    }
  }
}

TEST(Values, TerminalSpendsTheWealthExactlyInTheLinearLimit) {
  // beta^T [A(W (1 + rho)^T) - A(0)] = W: the annuity spends the wealth to the last cent.
  for (double beta : {1.0 / 1.01, 0.95, 1.0})
    for (int64_t T : {0, 1, 24, 300}) {
      const v::Scale s = linear(beta);
      const double grow_T = std::pow(1.0 / beta, static_cast<double>(T));
      const double bT = bpow(beta, T);
      for (double W : {0.0, 1.0, 2500.0}) {
        const double gain =
            bT * (v::terminal(s, T, W * grow_T, 150.0) - v::terminal(s, T, 0.0, 150.0));
        EXPECT_NEAR(gain, W, rel(W, 1e-9) + 1e-8) << beta << " " << T << " " << W;
      }
      // A(0) is the home income to the exit age: sum_{m=1..M-T} beta^m (c_other + y - 1).
      const double a0 = dsum(beta, 1, 480 - T) * (5000.0 + 150.0 - 1.0);
      EXPECT_NEAR(v::terminal(s, T, 0.0, 150.0), a0, rel(a0)) << beta << " " << T;
    }
  // A debt (W < 0) is repaid exactly too, while consumption stays positive.
  {
    const v::Scale s = linear();
    const double g = bpow(s.beta, 24) * (v::terminal(s, 24, -800.0 * bpow(1.01, 24), 150.0) -
                                         v::terminal(s, 24, 0.0, 150.0));
    EXPECT_NEAR(g, -800.0, 1e-7);
  }
  // With x local units per USD a USD held is worth x.
  v::Scale s = linear();
  s.x = 3.0;
  EXPECT_NEAR(bpow(s.beta, 12) * (v::terminal(s, 12, 1000.0 * bpow(1.01, 12), 100.0) -
                                  v::terminal(s, 12, 0.0, 100.0)),
              3000.0, 1e-6);
}

TEST(Values, TerminalAnnuityByHand) {
  // beta 0.5 (rho 1), two months left: r_a = 1 / (1 - 0.25) = 4/3, sum beta^m = 0.75.
  // W = 3 pays 4 a month: A = 0.75 u(c_other + x (y + 4)).
  v::Scale s;
  s.beta = 0.5;
  s.gamma = 2.0;
  s.zeta = 0.0;
  s.c_sub = 0.0;
  s.c_other = 10.0;
  s.x = 1.0;
  s.exit_months = 3;
  EXPECT_NEAR(v::terminal(s, 1, 3.0, 6.0), 0.75 * (1.0 - 1.0 / 20.0), 1e-14);
  // One month left at beta 0.8: r_a = 0.25 / 0.2 = 1.25, A = 0.8 log(c_other + x (y + 1.25 W)
  // - zeta c_sub) = 0.8 log(100 + 2 (10 + 10) - 20).
  s.beta = 0.8;
  s.gamma = 1.0;
  s.zeta = 0.5;
  s.c_sub = 40.0;
  s.c_other = 100.0;
  s.x = 2.0;
  EXPECT_NEAR(v::terminal(s, 2, 8.0, 10.0), 0.8 * std::log(120.0), 1e-13);
  // The level payment r_a W has present value W over the months left (a direct sum).
  const double beta = 1.0 / 1.01;
  const int64_t n = 300;
  const double r_a = (1.0 / beta - 1.0) / (1.0 - bpow(beta, n));
  EXPECT_NEAR(dsum(beta, 1, n) * r_a * 4000.0, 4000.0, 1e-8);
}

TEST(Values, TerminalMatchesADirectSumWithCurvature) {
  const v::Scale s = curved();
  for (int64_t T : {1, 36, 200})
    for (double W : {0.0, 500.0, 20000.0}) {
      const double d = annuity_ref(s, T, W, 150.0);
      EXPECT_NEAR(v::terminal(s, T, W, 150.0), d, rel(d)) << T << " " << W;
    }
}

// ---- Linear limit: differences of values are the old USD sums ------------------------

TEST(Values, HomeInTheLinearLimitIsIncomeToTheExitAgePlusWealth) {
  // value_home = sum_{m=1..M} beta^m (c_other + y - 1) + W, whatever T.
  const v::Scale s = linear();
  const double base = dsum(s.beta, 1, 480) * (5000.0 + 150.0 - 1.0);
  for (int64_t T : {0, 1, 24, 120})
    for (double W : {0.0, 3000.0}) {
      const v::Value h = v::value_home(s, T, 150.0, W);
      EXPECT_NEAR(h.u, base + W, rel(base)) << T << " " << W;
      EXPECT_EQ(h.away, 0.0);
    }
  // Hand case, beta 1: T 3 months of y 10 and M - T months of it too, W 40.
  const v::Scale s1 = linear(1.0, 10);
  EXPECT_NEAR(v::value_home(s1, 3, 10.0, 40.0).u, 10 * (5000.0 + 10.0 - 1.0) + 40.0, 1e-9);
}

TEST(Values, ReturnAddsTheSavingsAndWhatTheReturnBrings) {
  v::ReturnTerms t;
  t.balances = 100;
  t.bonus = 50;
  t.reentry = 25;
  t.path = 5;
  const v::Scale s = linear();
  const v::Value r = v::value_return(s, 24, 150.0, 400.0, t);
  const v::Value r0 = v::value_return(s, 24, 150.0, 0.0, {});
  EXPECT_NEAR(r.u - r0.u, 400.0 + 180.0, rel(580.0, 1e-9));
  EXPECT_EQ(r.away, 0.0);
  EXPECT_EQ(r0.away, 0.0);
  // Old hand case (value_return_early, beta 0.5, 2 months, home 20, balances 40: 15 + 40):
  // home income is common to returning and staying home, the balances are what differ.
  const v::Scale h = linear(0.5);
  v::ReturnTerms b;
  b.balances = 40;
  EXPECT_NEAR(v::value_return(h, 2, 20.0, 0.0, b).u - v::value_home(h, 2, 20.0, 0.0).u, 40.0, 1e-9);
  // Over a household earning nothing at home the return is worth the home income to the
  // exit age (M = 480 months at beta 0.5: 20 (1 - 0.5^480)) plus the balances.
  EXPECT_NEAR(v::value_return(h, 2, 20.0, 0.0, b).u - v::value_home(h, 2, 0.0, 0.0).u,
              20.0 * (1.0 - bpow(0.5, 480)) + 40.0, 1e-9);
  // With curvature value_return is value_home with W = savings + terms.
  const v::Scale c = curved();
  EXPECT_NEAR(v::value_return(c, 24, 150.0, 400.0, t).u, v::value_home(c, 24, 150.0, 580.0).u,
              1e-12);
}

TEST(Values, WorkInTheLinearLimitIsTheDiscountedNetGainOverHome) {
  // value_work - value_home(W = 0) = sum_{m<=H} beta^m (p net - (1 - p) unpaid - y)
  //                                   + S + beta^H after.total().
  v::ReturnTerms after;
  after.bonus = 100;
  {
    // Old value_renew case, beta 1, H 2, T 5, net 300 paid half the time, home 10,
    // after 100: 2 x 150 + 3 x 10 + 100 in USD, minus 5 x 10 of home income.
    const v::Scale s = linear(1.0);
    const double g = v::value_work(s, 2, 5, 300.0, 0.0, 0.5, 10.0, 0.0, after, 1.0).u -
                     v::value_home(s, 5, 10.0, 0.0).u;
    EXPECT_NEAR(g, 300.0 + 30.0 + 100.0 - 50.0, 1e-9);
  }
  {
    // Old value_continue case: beta 0.5, 2 months of 100, terms 40 + 60 at beta^2: 100.
    const v::Scale s = linear(0.5);
    v::ReturnTerms t;
    t.balances = 40;
    t.bonus = 60;
    const double g = v::value_work(s, 2, 2, 100.0, 0.0, 1.0, 0.0, 0.0, t, 1.0).u -
                     v::value_home(s, 2, 0.0, 0.0).u;
    EXPECT_NEAR(g, 100.0, 1e-9);
  }
  // Direct sums at realistic values, with unpaid months and savings.
  const v::Scale s = linear();
  for (int64_t H : {1, 12, 24})
    for (int64_t T : {H, H + 6})
      for (double p : {1.0, 0.7}) {
        const double net = 1100.0, unpaid = 450.0, y = 150.0, S = 900.0;
        double d = S + bpow(s.beta, H) * after.total();
        for (int64_t m = 1; m <= H; ++m) d += bpow(s.beta, m) * (p * net - (1.0 - p) * unpaid - y);
        const double g = v::value_work(s, H, T, net, unpaid, p, y, S, after, 1.0).u -
                         v::value_home(s, T, y, 0.0).u;
        EXPECT_NEAR(g, d, rel(d, 1e-9)) << H << " " << T << " " << p;
      }
}

TEST(Values, ContractInTheLinearLimitIsTheDiscountedNetGainOverHome) {
  // value_contract - value_home(W) = sum_{m=t0+1..t0+H} beta^m (p ne + (1 - p) nu - y)
  //                                  - cost + beta^(t0+H) lump.
  {
    // beta 1, t0 2, H 3, T 8: 3 (0.8 500 - 0.2 100 - 50) - 200 + 300 = 1090.
    const v::Scale s = linear(1.0);
    const double g =
        v::value_contract(s, 2, 3, 8, 500.0, -100.0, 0.8, 50.0, 1000.0, 200.0, 300.0, 1.0).u -
        v::value_home(s, 8, 50.0, 1000.0).u;
    EXPECT_NEAR(g, 1090.0, 1e-9);
  }
  const v::Scale s = linear();
  for (int64_t t0 : {0, 3})
    for (int64_t H : {6, 24})
      for (int64_t T : {t0 + H, t0 + H + 12}) {
        const double ne = 1200.0, nu = -400.0, p = 0.85, y = 150.0, W = 2000.0, K = 1500.0,
                     lump = 2500.0;
        double d = -K + bpow(s.beta, t0 + H) * lump;
        for (int64_t m = t0 + 1; m <= t0 + H; ++m)
          d += bpow(s.beta, m) * (p * ne + (1.0 - p) * nu - y);
        const double g = v::value_contract(s, t0, H, T, ne, nu, p, y, W, K, lump, 1.0).u -
                         v::value_home(s, T, y, W).u;
        EXPECT_NEAR(g, d, rel(d, 1e-9)) << t0 << " " << H << " " << T;
      }
}

TEST(Values, StayInTheLinearLimitCountsDetectionHousingAndTheDeportationLoss) {
  // Old hand case, beta 1, delta 0.5, two months; p_irr 1 then 0; wage 100, living 20,
  // housing 10, home 8: m=1: 0.5 (100 - 30) + 0.5 8 = 39; m=2: 0.25 (0 - 30) + 0.75 8 = -1.5.
  // Savings 200, loss 0.5 if detected by month 2 (0.75): 200 (1 - 0.375) = 125. Over home
  // with no savings, which earns 2 x 8.
  const v::Scale s1 = linear(1.0);
  const std::vector<double> p = {1.0, 0.0};
  const double h = v::value_home(s1, 2, 8.0, 0.0).u;
  EXPECT_NEAR(v::value_stay(s1, 0.5, p, 100, 20, 10, 8, 200, 0.5).u - h, 39.0 - 1.5 + 125.0 - 16.0,
              1e-9);
  // Housing lowers the value of staying month by month: 2 undetected months x 10.
  EXPECT_NEAR(v::value_stay(s1, 0.0, p, 100, 20, 0, 8, 0, 0.5).u -
                  v::value_stay(s1, 0.0, p, 100, 20, 10, 8, 0, 0.5).u,
              20.0, 1e-9);
  // Direct sum at realistic values.
  const v::Scale s = linear();
  for (size_t T : {1u, 12u, 36u})
    for (double delta : {0.0, 0.01, 0.2}) {
      const std::vector<double> pi = odds(T);
      const double w = 1300.0, living = 300.0, housing = 200.0, y = 150.0, S = 2000.0, loss = 0.6;
      double d = 0.0;
      for (size_t m = 1; m <= T; ++m)
        d += bpow(s.beta, static_cast<int64_t>(m)) * bpow(1.0 - delta, static_cast<int64_t>(m)) *
             (pi[m - 1] * w - living - housing - y);
      d += S * (1.0 - loss * (1.0 - bpow(1.0 - delta, static_cast<int64_t>(T))));
      const double g = v::value_stay(s, delta, pi, w, living, housing, y, S, loss).u -
                       v::value_home(s, static_cast<int64_t>(T), y, 0.0).u;
      EXPECT_NEAR(g, d, rel(d, 1e-9)) << T << " " << delta;
    }
}

TEST(Values, RouteInTheLinearLimitIsTheExpectedDiscountedGainLessTheFee) {
  // Old hand cases, beta 1: success in one of 3 attempts at 0.5 is 0.875; one month of
  // 100 - 30, over home earning 0: 0.875 x 70.
  const v::Scale s1 = linear(1.0);
  const std::vector<double> one = {1.0};
  EXPECT_NEAR(v::value_route(s1, 1, 0.5, 3, 0.0, one, 100, 30, 0.0, 0.0, 0.0).u -
                  v::value_home(s1, 1, 0.0, 0.0).u,
              0.875 * 70.0, 1e-9);
  // A sure crossing, two months (70, then 0.5 x 100 - 30 = 20), home 5, fee 12, over a
  // horizon of 6 months at home with wealth 100: 90 - 2 x 5 - 12.
  const std::vector<double> two = {1.0, 0.5};
  EXPECT_NEAR(v::value_route(s1, 6, 1.0, 1, 0.0, two, 100, 30, 5.0, 100.0, 12.0).u -
                  v::value_home(s1, 6, 5.0, 100.0).u,
              68.0, 1e-9);
  // pi 1, delta 0 at realistic values: sum_{m<=H} beta^m (p w - cost - y) - fee.
  const v::Scale s = linear();
  const std::vector<double> p = odds(24);
  const double w = 1500.0, cost = 500.0, y = 150.0, W = 3000.0, fee = 2500.0;
  {
    double d = -fee;
    for (int64_t m = 1; m <= 24; ++m)
      d += bpow(s.beta, m) * (p[static_cast<size_t>(m - 1)] * w - cost - y);
    const double g =
        v::value_route(s, 36, 1.0, 1, 0.0, p, w, cost, y, W, fee).u - v::value_home(s, 36, y, W).u;
    EXPECT_NEAR(g, d, rel(d, 1e-9));
  }
  // The general case: success x sum beta^m (1 - delta)^m (p w - cost - y) - fee.
  for (double pi : {0.1, 0.5, 0.9})
    for (int attempts : {1, 2, 3})
      for (double delta : {0.0, 0.01, 0.1}) {
        double sum = 0.0;
        for (int64_t m = 1; m <= 24; ++m)
          sum += bpow(s.beta, m) * bpow(1.0 - delta, m) *
                 (p[static_cast<size_t>(m - 1)] * w - cost - y);
        const double d = (1.0 - std::pow(1.0 - pi, attempts)) * sum - fee;
        const double g = v::value_route(s, 24, pi, attempts, delta, p, w, cost, y, W, fee).u -
                         v::value_home(s, 24, y, W).u;
        EXPECT_NEAR(g, d, rel(d, 1e-9)) << pi << " " << attempts << " " << delta;
      }
}

TEST(Values, LinearLimitComparesOptionsByTheirUsdSums) {
  // Which option is better follows the old USD arithmetic: a renewal of 12 months at 600
  // beats returning with the same savings by sum beta^m (600 - 150); carrying 1000 more
  // home is worth exactly 1000.
  const v::Scale s = linear();
  const v::Value work = v::value_work(s, 12, 12, 600.0, 0.0, 1.0, 150.0, 800.0, {}, 1.0);
  const v::Value ret = v::value_return(s, 12, 150.0, 800.0, {});
  const double d = dsum(s.beta, 1, 12) * 450.0;
  EXPECT_NEAR(work.u - ret.u, d, rel(d, 1e-9));
  EXPECT_NEAR(v::value_return(s, 12, 150.0, 1800.0, {}).u - ret.u, 1000.0, 1e-7);
}

// ---- With curvature: each value against the month-by-month sum ----------------------

TEST(Values, HomeAndReturnMatchADirectSumWithCurvature) {
  // Hand case: beta 0.5, T 1, M 3, gamma 2, W 1.5 grows to 3 at T, which pays 4 a month:
  // 0.5 u(16) + 0.5 x 0.75 u(20) = 0.5 (15/16) + 0.375 (19/20).
  v::Scale h;
  h.beta = 0.5;
  h.gamma = 2.0;
  h.zeta = 0.0;
  h.c_sub = 0.0;
  h.c_other = 10.0;
  h.x = 1.0;
  h.exit_months = 3;
  EXPECT_NEAR(v::value_home(h, 1, 6.0, 1.5).u, 0.5 * 15.0 / 16.0 + 0.375 * 19.0 / 20.0, 1e-14);

  const v::Scale s = curved();
  for (int64_t T : {0, 12, 60})
    for (double W : {0.0, 4000.0}) {
      const double d = home_ref(s, T, 150.0, W);
      EXPECT_NEAR(v::value_home(s, T, 150.0, W).u, d, rel(d)) << T << " " << W;
      v::ReturnTerms t;
      t.balances = 300;
      t.bonus = 200;
      t.reentry = 150;
      t.path = 50;
      const double r = home_ref(s, T, 150.0, W + 700.0);
      EXPECT_NEAR(v::value_return(s, T, 150.0, W, t).u, r, rel(r)) << T << " " << W;
    }
}

TEST(Values, WorkMatchesADirectSumWithCurvature) {
  const v::Scale s = curved();
  v::ReturnTerms after;
  after.balances = 800;
  after.reentry = 1200;
  for (int64_t H : {1, 12, 24})
    for (int64_t T : {H, H + 12})
      for (double p : {1.0, 0.6}) {
        const double d = work_ref(s, H, T, 900.0, 150.0, p, 150.0, 1500.0, after.total());
        EXPECT_NEAR(v::value_work(s, H, T, 900.0, 150.0, p, 150.0, 1500.0, after, 0.5).u, d, rel(d))
            << H << " " << T << " " << p;
      }
}

TEST(Values, ContractMatchesADirectSumWithCurvature) {
  const v::Scale s = curved();
  for (int64_t t0 : {0, 4})
    for (int64_t H : {6, 24})
      for (int64_t T : {t0 + H, t0 + H + 10}) {
        const double d =
            contract_ref(s, t0, H, T, 1000.0, -200.0, 0.8, 150.0, 3000.0, 1800.0, 2000.0);
        EXPECT_NEAR(
            v::value_contract(s, t0, H, T, 1000.0, -200.0, 0.8, 150.0, 3000.0, 1800.0, 2000.0, 1.0)
                .u,
            d, rel(d))
            << t0 << " " << H << " " << T;
      }
}

TEST(Values, StayMatchesADirectSumWithCurvature) {
  const v::Scale s = curved();
  for (size_t T : {1u, 12u, 36u})
    for (double delta : {0.0, 0.02, 0.3}) {
      const std::vector<double> p = odds(T);
      const double d = stay_ref(s, delta, p, 1100.0, 250.0, 150.0, 150.0, 2500.0, 0.5);
      EXPECT_NEAR(v::value_stay(s, delta, p, 1100.0, 250.0, 150.0, 150.0, 2500.0, 0.5).u, d, rel(d))
          << T << " " << delta;
    }
}

TEST(Values, RouteMatchesADirectSumWithCurvature) {
  const v::Scale s = curved();
  const std::vector<double> p = odds(24);
  for (int64_t T : {24, 40})
    for (double pi : {0.2, 0.8})
      for (int attempts : {1, 3})
        for (double delta : {0.0, 0.05}) {
          const double d =
              route_ref(s, T, pi, attempts, delta, p, 1200.0, 400.0, 150.0, 5000.0, 2000.0);
          EXPECT_NEAR(
              v::value_route(s, T, pi, attempts, delta, p, 1200.0, 400.0, 150.0, 5000.0, 2000.0).u,
              d, rel(d))
              << T << " " << pi << " " << attempts << " " << delta;
        }
}

// ---- What curvature does ------------------------------------------------------------

TEST(Values, TheSameUsdGainIsWorthLessToARicherHousehold) {
  const v::Scale poor = curved(2400.0), rich = curved(9000.0);
  const double g_poor =
      v::value_return(poor, 24, 150.0, 2000.0, {}).u - v::value_return(poor, 24, 150.0, 0.0, {}).u;
  const double g_rich =
      v::value_return(rich, 24, 150.0, 2000.0, {}).u - v::value_return(rich, 24, 150.0, 0.0, {}).u;
  EXPECT_GT(g_rich, 0.0);
  EXPECT_LT(g_rich, g_poor);
  // A month's pay too.
  EXPECT_LT(v::month_utility(rich, 600.0) - v::month_utility(rich, 150.0),
            v::month_utility(poor, 600.0) - v::month_utility(poor, 150.0));
  // In the linear limit the gain does not depend on the household's other income.
  v::Scale a = linear(), b = linear();
  b.c_other = 20000.0;
  EXPECT_NEAR(v::value_return(a, 24, 150.0, 2000.0, {}).u - v::value_return(a, 24, 150.0, 0, {}).u,
              v::value_return(b, 24, 150.0, 2000.0, {}).u - v::value_return(b, 24, 150.0, 0, {}).u,
              1e-6);
}

TEST(Values, ALotteryIsWorthLessThanItsCertainMean) {
  // Paid 700 half of the months, out 300 the others: mean 200 a month.
  v::ReturnTerms after;
  after.bonus = 500;
  const v::Scale s = curved();
  const double lottery = v::value_work(s, 12, 24, 700.0, 300.0, 0.5, 150.0, 1000.0, after, 1.0).u;
  const double sure = v::value_work(s, 12, 24, 200.0, 300.0, 1.0, 150.0, 1000.0, after, 1.0).u;
  EXPECT_LT(lottery, sure);
  // So is a contract's employment risk.
  EXPECT_LT(v::value_contract(s, 3, 12, 24, 700.0, -300.0, 0.5, 150.0, 2000.0, 1000.0, 0.0, 1.0).u,
            v::value_contract(s, 3, 12, 24, 200.0, 0.0, 1.0, 150.0, 2000.0, 1000.0, 0.0, 1.0).u);
  // In the linear limit the two are the same.
  const v::Scale l = linear();
  const double l_lottery = v::value_work(l, 12, 24, 700.0, 300.0, 0.5, 150.0, 1000.0, after, 1.0).u;
  const double l_sure = v::value_work(l, 12, 24, 200.0, 300.0, 1.0, 150.0, 1000.0, after, 1.0).u;
  EXPECT_NEAR(l_lottery, l_sure, rel(l_sure, 1e-12));
}

TEST(Values, MoreLocalCurrencyPerUsdFavoursTheOptionAbroad) {
  // Home income is earned in local currency (the engine passes y_home = local wage / x), so a
  // higher x leaves home as it is and raises what a USD earned abroad buys.
  const double home_local = 1200.0;
  double prev = -1e300;
  for (double x : {6.0, 8.0, 12.0}) {
    const v::Scale s = curved(2400.0, x);
    const double y = home_local / x;
    const double gap = v::value_work(s, 12, 24, 600.0, 0.0, 1.0, y, 1000.0, {}, 1.0).u -
                       v::value_return(s, 24, y, 1000.0, {}).u;
    EXPECT_GT(gap, prev) << x;
    prev = gap;
    // The same holds at the migration decision for a contract that pays more than home
    // in every month abroad (idle months paid 0, not a cost) and whose lump covers the
    // up-front cost with interest. (A USD cost, or idle months that push the household
    // towards subsistence, weigh more at a higher x and can reverse this under curvature.)
    const double c =
        v::value_contract(s, 2, 12, 24, 600.0, 0.0, 0.9, y, 3000.0, 1000.0, 1500.0, 1.0).u -
        v::value_home(s, 24, y, 3000.0).u;
    const v::Scale s2 = curved(2400.0, x * 1.25);
    const double y2 = home_local / (x * 1.25);
    const double c2 =
        v::value_contract(s2, 2, 12, 24, 600.0, 0.0, 0.9, y2, 3000.0, 1000.0, 1500.0, 1.0).u -
        v::value_home(s2, 24, y2, 3000.0).u;
    EXPECT_GT(c2, c) << x;
  }
  // In the linear limit with home income fixed in USD the gain over home scales with x.
  v::Scale l = linear();
  const double g1 = v::value_work(l, 12, 12, 600.0, 0.0, 1.0, 150.0, 0.0, {}, 1.0).u -
                    v::value_return(l, 12, 150.0, 0.0, {}).u;
  l.x = 2.0;
  const double g2 = v::value_work(l, 12, 12, 600.0, 0.0, 1.0, 150.0, 0.0, {}, 1.0).u -
                    v::value_return(l, 12, 150.0, 0.0, {}).u;
  EXPECT_NEAR(g2, 2.0 * g1, rel(g2, 1e-9));
}

// ---- Months abroad ------------------------------------------------------------------

TEST(Values, AwayCountsTheDiscountedMonthsAbroad) {
  const v::Scale s = curved();
  const double beta = s.beta;
  // Staying: sum_{m<=T} beta^m (1 - delta)^m.
  {
    const std::vector<double> p = odds(18);
    double d = 0.0;
    for (int64_t m = 1; m <= 18; ++m) d += bpow(beta, m) * bpow(0.97, m);
    EXPECT_NEAR(v::value_stay(s, 0.03, p, 1100.0, 250.0, 150.0, 150.0, 0.0, 0.5).away, d, rel(d));
    // Never detected: every month.
    EXPECT_NEAR(v::value_stay(s, 0.0, p, 1100.0, 250.0, 150.0, 150.0, 0.0, 0.5).away,
                dsum(beta, 1, 18), 1e-12);
  }
  // Work: away_weight sum_{m<=H} beta^m, not the home months to T.
  {
    const double d = 0.5 * dsum(beta, 1, 12);
    EXPECT_NEAR(v::value_work(s, 12, 30, 900.0, 100.0, 0.8, 150.0, 0.0, {}, 0.5).away, d, rel(d));
    EXPECT_NEAR(v::value_work(s, 12, 30, 900.0, 100.0, 0.8, 150.0, 0.0, {}, 1.0).away, 2.0 * d,
                rel(d));
  }
  // Contract: only months t0+1..t0+H.
  {
    const double d = dsum(beta, 4, 27);
    EXPECT_NEAR(
        v::value_contract(s, 3, 24, 40, 900.0, -100.0, 0.8, 150.0, 0.0, 500.0, 0.0, 1.0).away, d,
        rel(d));
    EXPECT_NEAR(
        v::value_contract(s, 3, 24, 40, 900.0, -100.0, 0.8, 150.0, 0.0, 500.0, 0.0, 0.5).away,
        0.5 * d, rel(d));
  }
  // Route: weighted by the chance that one of the crossings succeeds.
  {
    const std::vector<double> p = odds(24);
    double d = 0.0;
    for (int64_t m = 1; m <= 24; ++m) d += bpow(beta, m) * bpow(0.98, m);
    const double success = 1.0 - 0.6 * 0.6;
    EXPECT_NEAR(v::value_route(s, 36, 0.4, 2, 0.02, p, 1200.0, 400.0, 150.0, 3000.0, 1000.0).away,
                success * d, rel(d));
  }
  // Home and return: never abroad.
  EXPECT_EQ(v::value_home(s, 24, 150.0, 1000.0).away, 0.0);
  v::ReturnTerms t;
  t.bonus = 100;
  EXPECT_EQ(v::value_return(s, 24, 150.0, 1000.0, t).away, 0.0);
}

// ---- Staying irregularly --------------------------------------------------------------

TEST(Values, StayDetectedInTheFirstMonthIsHomeWithTheSeizedSavings) {
  // delta 1: home from month 1, savings less the deportation loss.
  for (const v::Scale& s : {curved(), linear()}) {
    const std::vector<double> p = odds(12);
    const v::Value st = v::value_stay(s, 1.0, p, 1100.0, 250.0, 150.0, 150.0, 2000.0, 0.4);
    const v::Value h = v::value_home(s, 12, 150.0, 2000.0 * 0.6);
    EXPECT_NEAR(st.u, h.u, rel(h.u, 1e-12));
    EXPECT_EQ(st.away, 0.0);
  }
}

TEST(Values, StayWithoutIrregularWorkIsWorseThanReturning) {
  const std::vector<double> none(24, 0.0);
  for (double delta : {0.0, 0.0015, 0.05}) {
    for (const v::Scale& s : {curved(), linear()}) {
      EXPECT_LT(v::value_stay(s, delta, none, 900.0, 300.0, 200.0, 150.0, 0.0, 0.5).u,
                v::value_return(s, 24, 150.0, 0.0, {}).u)
          << delta;
      EXPECT_LT(v::value_stay(s, delta, none, 900.0, 300.0, 200.0, 150.0, 1500.0, 0.5).u,
                v::value_return(s, 24, 150.0, 1500.0, {}).u)
          << delta;
    }
    // In the linear limit: every undetected month costs living, housing and the home income
    // forgone; the savings lose the deportation share with the chance of detection.
    const v::Scale l = linear();
    double d = 0.0;
    for (int64_t m = 1; m <= 24; ++m) d -= bpow(l.beta, m) * bpow(1.0 - delta, m) * 650.0;
    d -= 1500.0 * 0.5 * (1.0 - bpow(1.0 - delta, 24));
    EXPECT_NEAR(v::value_stay(l, delta, none, 900.0, 300.0, 200.0, 150.0, 1500.0, 0.5).u -
                    v::value_return(l, 24, 150.0, 1500.0, {}).u,
                d, rel(d, 1e-9));
  }
}

// ---- The irregular route ------------------------------------------------------------

TEST(Values, RouteThatNeverCrossesLeavesTheHouseholdAtHomeLessTheFee) {
  const std::vector<double> p = odds(24);
  for (const v::Scale& s : {curved(), linear()}) {
    const v::Value h = v::value_home(s, 30, 150.0, 5000.0 - 2000.0);
    // No attempt.
    const v::Value none =
        v::value_route(s, 30, 0.5, 0, 0.0, p, 1200.0, 400.0, 150.0, 5000.0, 2000.0);
    EXPECT_NEAR(none.u, h.u, rel(h.u, 1e-12));
    EXPECT_EQ(none.away, 0.0);
    // Crossings that never succeed.
    const v::Value never =
        v::value_route(s, 30, 0.0, 3, 0.0, p, 1200.0, 400.0, 150.0, 5000.0, 2000.0);
    EXPECT_NEAR(never.u, h.u, rel(h.u, 1e-12));
    EXPECT_EQ(never.away, 0.0);
    // Caught in the first month.
    const v::Value caught =
        v::value_route(s, 30, 0.5, 3, 1.0, p, 1200.0, 400.0, 150.0, 5000.0, 2000.0);
    EXPECT_NEAR(caught.u, h.u, rel(h.u, 1e-12));
    EXPECT_EQ(caught.away, 0.0);
    // No month abroad to value.
    const v::Value empty = v::value_route(s, 30, 0.5, 3, 0.0, std::vector<double>{}, 1200.0, 400.0,
                                          150.0, 5000.0, 2000.0);
    EXPECT_NEAR(empty.u, h.u, rel(h.u, 1e-12));
    EXPECT_EQ(empty.away, 0.0);
  }
  // A route with no work abroad is worse than home, even with a sure crossing.
  const v::Scale s = curved();
  EXPECT_LT(v::value_route(s, 24, 1.0, 1, 0.01, std::vector<double>(24, 0.0), 1200.0, 400.0, 150.0,
                           5000.0, 0.0)
                .u,
            v::value_home(s, 24, 150.0, 5000.0).u);
}

// Core v2 M0's unit: for a household at the origin's median consumption c_bar, one riskless
// month of the mean home wage w_bar is worth b, whatever gamma and zeta: a lump of w_bar / x
// USD spent as an annuity raises V by about u'(c_bar) w_bar = unit.
TEST(Values, OneHomeWageMonthIsWorthOneUnitAtMedianConsumption) {
  for (const double gamma : {1.0, 1.5, 2.0}) {
    for (const double zeta : {0.5, 0.8, 0.95}) {
      v::Scale s;
      s.beta = 1.0 / 1.01;
      s.x = 58.0;       // local units per USD
      s.c_sub = 240.0;  // household subsistence (local)
      s.zeta = zeta;
      s.gamma = gamma;
      s.exit_months = 360;
      const double w_bar = 9000.0, y_home = 6000.0 / s.x;  // local home wage; the agent's USD
      s.c_other = 12000.0 - s.x * y_home;                  // household at c_bar = 12,000
      s.unit = v::marginal_utility(s, 12000.0) * w_bar;
      const double one_month_usd = w_bar / s.x;
      const double gain =
          (v::value_home(s, 24, y_home, one_month_usd).u - v::value_home(s, 24, y_home, 0.0).u) /
          s.unit;
      EXPECT_NEAR(gain, 1.0, 0.01) << "gamma " << gamma << " zeta " << zeta;
    }
  }
}

// ---- Target earners (core v2 M2) ---------------------------------------------------------

TEST(Values, KinkedTerminalCountsWealthAboveTheTargetKTimes) {
  // Linear limit, beta 1: A(W) - A(0) = W, so A_T(W) - A(0) = min(W, K) + k (W - K)+.
  v::Scale s = linear(1.0);
  const double a0 = v::terminal(s, 0, 0.0, 150.0);
  s.kink = 500.0;
  s.kink_k = 0.25;
  EXPECT_NEAR(v::terminal(s, 0, 300.0, 150.0) - a0, 300.0, 1e-6);
  EXPECT_NEAR(v::terminal(s, 0, 500.0, 150.0) - a0, 500.0, 1e-6);
  EXPECT_NEAR(v::terminal(s, 0, 900.0, 150.0) - a0, 500.0 + 0.25 * 400.0, 1e-6);
  s.kink_k = 0.0;
  EXPECT_NEAR(v::terminal(s, 0, 900.0, 150.0) - a0, 500.0, 1e-6);
  s.kink_k = 1.0;  // k = 1: no kink
  EXPECT_NEAR(v::terminal(s, 0, 900.0, 150.0) - a0, 900.0, 1e-6);
}

TEST(Values, TargetEarnerCountsMonthsPastTheTargetKTimes) {
  // beta 1, H = T = 4, net 300 always paid, home 10: each month adds 290 over home.
  const v::ReturnTerms none;
  v::Scale s = linear(1.0);
  const double plain = v::value_work(s, 4, 4, 300.0, 0.0, 1.0, 10.0, 0.0, none, 1.0).u -
                       v::value_home(s, 4, 10.0, 0.0).u;
  EXPECT_NEAR(plain, 4 * 290.0, 1e-6);
  s.kink = 500.0;
  s.kink_k = 0.25;
  // Room 500: month 1 in full (room 210 left), month 2 crosses (210 in full, 80 at k),
  // months 3 and 4 at k: 290 + 210 + 0.25 (80 + 290 + 290) = 665.
  const double g = v::value_work(s, 4, 4, 300.0, 0.0, 1.0, 10.0, 0.0, none, 1.0).u -
                   v::value_home(s, 4, 10.0, 0.0).u;
  EXPECT_NEAR(g, 665.0, 1e-6);
  // Savings of 300 count towards the target first: room 200, month 1 crosses (200 in full,
  // 90 at k), then 3 months at k; the savings themselves are below the kink:
  // 300 + 200 + 0.25 (90 + 3 x 290) = 740.
  const double gs = v::value_work(s, 4, 4, 300.0, 0.0, 1.0, 10.0, 300.0, none, 1.0).u -
                    v::value_home(s, 4, 10.0, 0.0).u;
  EXPECT_NEAR(gs, 740.0, 1e-6);
  // k = 1 is the accumulator.
  s.kink_k = 1.0;
  EXPECT_NEAR(v::value_work(s, 4, 4, 300.0, 0.0, 1.0, 10.0, 0.0, none, 1.0).u -
                  v::value_home(s, 4, 10.0, 0.0).u,
              plain, 1e-6);
  // Past the target with k = 0, working on is worth exactly staying home.
  s.kink = 0.0;
  s.kink_k = 0.0;
  EXPECT_NEAR(v::value_work(s, 4, 4, 300.0, 0.0, 1.0, 10.0, 0.0, none, 1.0).u,
              v::value_home(s, 4, 10.0, 0.0).u, 1e-6);
}

TEST(Values, TargetEarnerMustFirstRecoupTheCostOfLeaving) {
  // value_contract in the home frame: the kink at wealth + T (1000 + 500), the cost 400
  // paid first, so the room is T + cost = 900: 3 months in full (870), the 4th crosses
  // (30 in full, 260 at k = 0.25): 965 of months, less the cost 400.
  v::Scale s = linear(1.0);
  s.kink = 1500.0;
  s.kink_k = 0.25;
  const double g = v::value_contract(s, 0, 4, 4, 300.0, 0.0, 1.0, 10.0, 1000.0, 400.0, 0.0, 1.0).u -
                   v::value_home(s, 4, 10.0, 1000.0).u;
  EXPECT_NEAR(g, 965.0 - 400.0, 1e-6);
}

TEST(Values, TargetEarnerValuesStayAndRouteMonthsPastTheTargetKTimes) {
  // With no room left and k = 0, irregular months are worth home months, whatever they pay;
  // with k = 1 they are the accumulator's.
  v::Scale s = linear(1.0);
  const std::vector<double> p(6, 1.0);
  const double acc = v::value_stay(s, 0.0, p, 900.0, 200.0, 100.0, 10.0, 0.0, 0.0).u;
  s.kink_k = 1.0;
  s.kink = 0.0;
  EXPECT_NEAR(v::value_stay(s, 0.0, p, 900.0, 200.0, 100.0, 10.0, 0.0, 0.0).u, acc, 1e-6);
  s.kink_k = 0.0;
  EXPECT_NEAR(v::value_stay(s, 0.0, p, 900.0, 200.0, 100.0, 10.0, 0.0, 0.0).u,
              v::value_home(s, 6, 10.0, 0.0).u, 1e-6);
  // The route: certain crossing, no fee; room 0 at k = 0 leaves it worth home less nothing.
  s.kink = 0.0;
  EXPECT_NEAR(v::value_route(s, 6, 1.0, 1, 0.0, p, 900.0, 300.0, 10.0, 0.0, 0.0).u,
              v::value_home(s, 6, 10.0, 0.0).u, 1e-6);
}

}  // namespace
}  // namespace corridor
