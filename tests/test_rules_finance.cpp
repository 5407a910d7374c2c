// Unit tests for the money rules: home-side debt (MODEL.md 4.4 and the exact check of 7),
// perceived repayment (4.1) and recruitment fees (4.1, 4.2).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/rng.hpp"
#include "model/rules.hpp"

namespace {

namespace r = corridor::rules;
using r::Loan;
using r::LoanMonth;

// Half-to-even rounding written independently of rules.cpp (no reliance on the FP mode).
int64_t ref_half_even(double x) {
  const double f = std::floor(x);
  const double d = x - f;
  if (d < 0.5) return static_cast<int64_t>(f);
  if (d > 0.5) return static_cast<int64_t>(f) + 1;
  const auto fi = static_cast<int64_t>(f);
  return fi % 2 == 0 ? fi : fi + 1;
}

// MODEL.md 7, Debt: D <- D + round_half_even(D r); D <- D - min(A, D); cleared in month n.
// Returns -1 when the balance stops falling (never clears).
int64_t ref_months(int64_t D, double r, int64_t A) {
  for (int64_t n = 1; n <= 100000; ++n) {
    const int64_t before = D;
    D += ref_half_even(static_cast<double>(D) * r);
    D -= std::min(A, D);
    if (D == 0) return n;
    if (D >= before) return -1;
  }
  return -1;
}

Loan make_loan(int64_t balance, double rate, int64_t instalment) {
  Loan l;
  l.balance = balance;
  l.principal = balance;
  l.accrued_unpaid = 0;
  l.instalment = instalment;
  l.rate = rate;
  l.arrears = 0;
  return l;
}

// ---- Exact check (MODEL.md 7) -------------------------------------------------------------

TEST(RulesDebt, ExactCheckCasesOfSection7) {
  EXPECT_EQ(r::months_to_clear(1000, 0.03, 120), 10);
  EXPECT_EQ(r::months_to_clear(3651, 0.03, 120), 83);
  EXPECT_EQ(r::months_to_clear(1000, 0.0, 120), 9);
  EXPECT_EQ(r::months_to_clear(2000, std::pow(1.06, 1.0 / 12.0) - 1.0, 90), 24);
  EXPECT_EQ(r::months_to_clear(1000, 0.03, 30), -1);
}

TEST(RulesDebt, ExactCheckAgreesWithIndependentReference) {
  // The reference itself must reproduce section 7, or the comparison below means nothing.
  ASSERT_EQ(ref_months(1000, 0.03, 120), 10);
  ASSERT_EQ(ref_months(3651, 0.03, 120), 83);
  ASSERT_EQ(ref_months(1000, 0.03, 30), -1);
  const double rates[] = {0.0, 0.005, 0.01, std::pow(1.06, 1.0 / 12.0) - 1.0, 0.03, 0.1};
  const int64_t debts[] = {1, 99, 1000, 3651, 25000, 150000};
  const int64_t instalments[] = {1, 30, 90, 120, 5000};
  for (double rate : rates)
    for (int64_t D : debts)
      for (int64_t A : instalments)
        EXPECT_EQ(r::months_to_clear(D, rate, A), ref_months(D, rate, A))
            << "D=" << D << " r=" << rate << " A=" << A;
}

TEST(RulesDebt, StepByStepMatchesSection7Trajectory) {
  // (1000, 0.03, 120): interest 30, 27, 25, 22, 19, 16, 13, 9, 6, 3 (halves to even).
  Loan l = make_loan(1000, 0.03, 120);
  const int64_t interest[] = {30, 27, 25, 22, 19, 16, 13, 9, 6, 3};
  const int64_t balance_after[] = {910, 817, 722, 624, 523, 419, 312, 201, 87, 0};
  for (int m = 0; m < 10; ++m) {
    EXPECT_EQ(r::accrue_interest(l), interest[m]) << "month " << m + 1;
    const LoanMonth lm = r::pay_loan(l, 1'000'000, true);
    EXPECT_EQ(lm.interest_paid, interest[m]);
    EXPECT_EQ(lm.interest_paid + lm.principal_paid, m < 9 ? 120 : 90);
    EXPECT_FALSE(lm.missed);
    EXPECT_EQ(l.balance, balance_after[m]) << "month " << m + 1;
    EXPECT_EQ(l.accrued_unpaid, 0);
    EXPECT_EQ(l.arrears, 0);
  }
  // A cleared loan neither accrues nor takes payments.
  EXPECT_EQ(r::accrue_interest(l), 0);
  const LoanMonth after = r::pay_loan(l, 1000, true);
  EXPECT_EQ(after.interest_paid + after.principal_paid, 0);
  EXPECT_FALSE(after.missed);
  EXPECT_EQ(l.balance, 0);
}

TEST(RulesDebt, ZeroDebtIsClearedAtOnce) {
  // Consistent with repayment_months(B <= 0) = 0: nothing borrowed, nothing to clear.
  EXPECT_EQ(r::months_to_clear(0, 0.03, 120), 0);
  EXPECT_EQ(r::repayment_months(0.0, 120.0, 0.03), 0);
}

TEST(RulesDebt, NonPositiveInstalmentNeverClears) {
  EXPECT_EQ(r::months_to_clear(1000, 0.0, 0), -1);
  EXPECT_EQ(r::months_to_clear(1000, 0.03, 0), -1);
  EXPECT_EQ(r::months_to_clear(1000, 0.0, -5), -1);
}

TEST(RulesDebt, DebtLargerThanAYearsPay) {
  // Monthly pay 10,000 cents, debt 150,000 cents (15 months of pay), instalment half of pay.
  const int64_t pay = 10000, D = 150000, A = pay / 2;
  ASSERT_GT(D, 12 * pay);
  const double rate = 0.02;
  const int64_t n = r::months_to_clear(D, rate, A);
  EXPECT_EQ(n, ref_months(D, rate, A));
  EXPECT_GT(n, 12);
  // The perceived (continuous) repayment period matches the integer one to within a month.
  const int64_t perceived =
      r::repayment_months(static_cast<double>(D), static_cast<double>(A), rate);
  EXPECT_LE(std::llabs(perceived - n), 1);
  // At 4% a month the interest (6,000) exceeds the instalment: it never clears.
  EXPECT_EQ(r::months_to_clear(D, 0.04, A), -1);
  EXPECT_EQ(r::repayment_months(static_cast<double>(D), static_cast<double>(A), 0.04), -1);
}

// ---- Interest accrual -----------------------------------------------------------------------

TEST(RulesDebt, InterestIsRoundedHalfToEven) {
  struct Case {
    int64_t balance;
    double rate;
    int64_t interest;
  };
  const Case cases[] = {
      {1, 0.5, 0},    {3, 0.5, 2},    {5, 0.5, 2},      {7, 0.5, 4},  // exact binary halves
      {50, 0.01, 0},  {150, 0.01, 2}, {250, 0.01, 2},   {350, 0.01, 4},
      {149, 0.01, 1}, {151, 0.01, 2}, {1000, 0.03, 30}, {3651, 0.03, 110},  // 109.53
      {0, 0.03, 0},
  };
  for (const Case& c : cases) {
    Loan l = make_loan(c.balance, c.rate, 0);
    EXPECT_EQ(r::accrue_interest(l), c.interest) << c.balance << " * " << c.rate;
    EXPECT_EQ(l.balance, c.balance + c.interest);
    EXPECT_EQ(l.accrued_unpaid, c.interest);
    EXPECT_EQ(l.principal, c.balance);
  }
}

TEST(RulesDebt, InDuplumStopsInterestAtThePrincipal) {
  Loan l = make_loan(1000, 0.1, 100);
  int64_t total = 0;
  for (int m = 0; m < 60; ++m) {
    total += r::accrue_interest(l);
    r::pay_loan(l, 0, true);  // nothing paid
    ASSERT_LE(l.accrued_unpaid, l.principal) << "month " << m + 1;
  }
  EXPECT_EQ(total, 1000);
  EXPECT_EQ(l.accrued_unpaid, 1000);
  EXPECT_EQ(l.balance, 2000);
  EXPECT_EQ(r::accrue_interest(l), 0);  // suspended while accrued unpaid == principal
  // Paying some interest lowers accrued unpaid interest below the principal: accrual resumes,
  // but only up to the principal again (round(1900 * 0.1) = 190 is cut to 100).
  l.arrears = 0;
  const LoanMonth lm = r::pay_loan(l, 100, true);
  EXPECT_EQ(lm.interest_paid, 100);
  EXPECT_EQ(lm.principal_paid, 0);
  EXPECT_EQ(l.accrued_unpaid, 900);
  EXPECT_EQ(l.balance, 1900);
  EXPECT_EQ(r::accrue_interest(l), 100);
  EXPECT_EQ(l.accrued_unpaid, 1000);
  EXPECT_EQ(l.balance, 2000);
}

TEST(RulesDebt, InterestBelowTheInDuplumLimitIsNotCut) {
  Loan l = make_loan(1000, 0.1, 0);
  l.accrued_unpaid = 899;
  l.balance = 1899;
  EXPECT_EQ(r::accrue_interest(l), 101);  // cut from round(189.9) = 190 to 1000 - 899
  l.accrued_unpaid = 0;
  l.balance = 1000;
  EXPECT_EQ(r::accrue_interest(l), 100);  // far from the limit: full interest
}

// ---- Payments ---------------------------------------------------------------------------------

TEST(RulesDebt, PaymentGoesToInterestFirstThenPrincipal) {
  Loan l = make_loan(1000, 0.03, 120);
  ASSERT_EQ(r::accrue_interest(l), 30);
  const LoanMonth lm = r::pay_loan(l, 500, true);
  EXPECT_EQ(lm.interest_paid, 30);
  EXPECT_EQ(lm.principal_paid, 90);
  EXPECT_FALSE(lm.missed);
  EXPECT_EQ(l.balance, 910);
  EXPECT_EQ(l.accrued_unpaid, 0);
}

TEST(RulesDebt, PartialPaymentCoversInterestOnlyAndCountsAsMissed) {
  Loan l = make_loan(1000, 0.03, 120);
  r::accrue_interest(l);
  const LoanMonth lm = r::pay_loan(l, 20, true);
  EXPECT_EQ(lm.interest_paid, 20);
  EXPECT_EQ(lm.principal_paid, 0);
  EXPECT_TRUE(lm.missed);
  EXPECT_EQ(l.accrued_unpaid, 10);
  EXPECT_EQ(l.balance, 1010);
  EXPECT_EQ(l.arrears, 1);
}

TEST(RulesDebt, ArrearsCountConsecutiveShortMonthsAndResetWhenCleared) {
  Loan l = make_loan(10000, 0.0, 100);
  // Zero savings: nothing paid, arrears grow by one each month.
  for (int m = 1; m <= 3; ++m) {
    const LoanMonth lm = r::pay_loan(l, 0, true);
    EXPECT_TRUE(lm.missed);
    EXPECT_EQ(lm.interest_paid + lm.principal_paid, 0);
    EXPECT_EQ(l.arrears, m);
    EXPECT_EQ(l.balance, 10000);
  }
  // Negative "available" is treated as nothing available.
  r::pay_loan(l, -500, true);
  EXPECT_EQ(l.arrears, 4);
  EXPECT_EQ(l.balance, 10000);
  // Paying one instalment with four months in arrears does not clear them.
  LoanMonth lm = r::pay_loan(l, 100, true);
  EXPECT_TRUE(lm.missed);
  EXPECT_EQ(lm.principal_paid, 100);
  EXPECT_EQ(l.arrears, 5);
  // What is owed is this month's instalment plus those in arrears: 6 x 100.
  lm = r::pay_loan(l, 100000, true);
  EXPECT_FALSE(lm.missed);
  EXPECT_EQ(lm.principal_paid, 600);
  EXPECT_EQ(l.arrears, 0);
  EXPECT_EQ(l.balance, 10000 - 100 - 600);
  // Back to normal: one instalment.
  lm = r::pay_loan(l, 100000, true);
  EXPECT_EQ(lm.principal_paid, 100);
  EXPECT_EQ(l.arrears, 0);
}

TEST(RulesDebt, APaidOffLoanIsClosed) {
  // Before the fix a cleared loan kept its instalment and principal, so the next loan from
  // the same lender added its instalment to a stale one and its in-duplum cap grew.
  Loan l = make_loan(1000, 0.03, 120);
  for (int m = 0; m < 10; ++m) {
    r::accrue_interest(l);
    r::pay_loan(l, 1'000'000, true);
  }
  EXPECT_EQ(l.balance, 0);
  EXPECT_EQ(l.principal, 0);
  EXPECT_EQ(l.instalment, 0);
  EXPECT_EQ(l.accrued_unpaid, 0);
  EXPECT_EQ(l.rate, 0.0);
  EXPECT_EQ(l.arrears, 0);
  // A loan not yet paid off keeps its terms.
  Loan open = make_loan(1000, 0.03, 120);
  r::accrue_interest(open);
  r::pay_loan(open, 1'000'000, true);
  EXPECT_EQ(open.instalment, 120);
  EXPECT_EQ(open.principal, 1000);
}

TEST(RulesDebt, NothingIsDueBeforeTheFirstWorkMonth) {
  Loan l = make_loan(1000, 0.03, 120);
  r::accrue_interest(l);
  l.arrears = 2;
  const LoanMonth lm = r::pay_loan(l, 5000, false);
  EXPECT_EQ(lm.interest_paid, 0);
  EXPECT_EQ(lm.principal_paid, 0);
  EXPECT_FALSE(lm.missed);
  EXPECT_EQ(l.balance, 1030);
  EXPECT_EQ(l.accrued_unpaid, 30);
  EXPECT_EQ(l.arrears, 2);  // unchanged: no instalment fell due
}

TEST(RulesDebt, PaymentNeverExceedsTheBalance) {
  Loan l = make_loan(50, 0.0, 120);
  const LoanMonth lm = r::pay_loan(l, 100000, true);
  EXPECT_EQ(lm.principal_paid, 50);
  EXPECT_FALSE(lm.missed);
  EXPECT_EQ(l.balance, 0);
  EXPECT_EQ(l.arrears, 0);
}

// ---- Perceived repayment (4.1) ---------------------------------------------------------------

TEST(RulesRepayment, FormulaCases) {
  EXPECT_EQ(r::repayment_months(1000, 120, 0.03), 10);
  EXPECT_EQ(r::repayment_months(3651, 120, 0.03), 83);
  EXPECT_EQ(r::repayment_months(2000, 90, std::pow(1.06, 1.0 / 12.0) - 1.0), 24);
  // r = 0: ceil(B / A).
  EXPECT_EQ(r::repayment_months(1000, 120, 0.0), 9);
  EXPECT_EQ(r::repayment_months(240, 120, 0.0), 2);
  EXPECT_EQ(r::repayment_months(241, 120, 0.0), 3);
  EXPECT_EQ(r::repayment_months(1, 120, 0.0), 1);
}

TEST(RulesRepayment, InfeasibleAndEmptyCases) {
  EXPECT_EQ(r::repayment_months(1000, 30, 0.03), -1);  // A = r B
  EXPECT_EQ(r::repayment_months(1000, 29, 0.03), -1);  // A < r B
  EXPECT_EQ(r::repayment_months(1000, 0, 0.03), -1);
  EXPECT_EQ(r::repayment_months(1000, 0, 0.0), -1);
  EXPECT_EQ(r::repayment_months(1000, -10, 0.0), -1);
  EXPECT_EQ(r::repayment_months(0, 120, 0.03), 0);
  EXPECT_EQ(r::repayment_months(-50, 120, 0.03), 0);
  EXPECT_EQ(r::repayment_months(0, 0, 0.03), 0);        // nothing borrowed: feasible whatever A
  EXPECT_EQ(r::repayment_months(1000, 31, 0.03), 117);  // just feasible: ln 31 / ln 1.03
}

TEST(RulesRepayment, SmallestNWhosePresentValueCoversTheLoan) {
  // n = ceil(ln(A / (A - rB)) / ln(1 + r)) is the smallest n with A (1 - (1+r)^-n) / r >= B.
  const double Bs[] = {100, 1000, 3651, 20000};
  const double As[] = {50, 120, 700};
  const double rs[] = {0.001, 0.01, 0.03};
  int checked = 0;
  for (double B : Bs)
    for (double A : As)
      for (double rate : rs) {
        const int64_t n = r::repayment_months(B, A, rate);
        if (A <= rate * B) {
          EXPECT_EQ(n, -1);
          continue;
        }
        auto pv = [&](int64_t k) {
          return A * (1.0 - std::pow(1.0 + rate, -static_cast<double>(k))) / rate;
        };
        ASSERT_GE(n, 1);
        EXPECT_GE(pv(n), B * (1 - 1e-12)) << B << " " << A << " " << rate;
        EXPECT_LT(pv(n - 1), B) << B << " " << A << " " << rate;
        ++checked;
      }
  EXPECT_GT(checked, 20);
}

TEST(RulesRepayment, PerceivedInterest) {
  EXPECT_DOUBLE_EQ(r::perceived_interest(1000, 120, 0.03), 10 * 120 - 1000);
  EXPECT_DOUBLE_EQ(r::perceived_interest(3651, 120, 0.03), 83 * 120 - 3651);
  EXPECT_DOUBLE_EQ(r::perceived_interest(240, 120, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(r::perceived_interest(250, 120, 0.0), 3 * 120 - 250);
  EXPECT_DOUBLE_EQ(r::perceived_interest(0, 120, 0.03), 0.0);
  EXPECT_DOUBLE_EQ(r::perceived_interest(-10, 0, 0.03), 0.0);
  EXPECT_EQ(r::perceived_interest(1000, 30, 0.03), std::numeric_limits<double>::infinity());
  EXPECT_EQ(r::perceived_interest(1000, 0, 0.0), std::numeric_limits<double>::infinity());
  // Dearer money costs more.
  EXPECT_LT(r::perceived_interest(1000, 120, 0.01), r::perceived_interest(1000, 120, 0.03));
}

// ---- Fees (4.1, 4.2) --------------------------------------------------------------------------

TEST(RulesFees, WorkerFee) {
  EXPECT_DOUBLE_EQ(r::worker_fee(500, -1, true), 500);  // no cap
  EXPECT_DOUBLE_EQ(r::worker_fee(500, -1, false), 500);
  EXPECT_DOUBLE_EQ(r::worker_fee(500, 0, true), 0);     // zero cap, complying agency
  EXPECT_DOUBLE_EQ(r::worker_fee(500, 0, false), 500);  // non-compliant agency
  EXPECT_DOUBLE_EQ(r::worker_fee(500, 300, true), 300);
  EXPECT_DOUBLE_EQ(r::worker_fee(500, 300, false), 500);
  EXPECT_DOUBLE_EQ(r::worker_fee(200, 300, true), 200);  // below the cap
  EXPECT_DOUBLE_EQ(r::worker_fee(300, 300, true), 300);
}

TEST(RulesFees, ExpectedCappedFeeClosedFormCases) {
  const double median = 2.0, sigma = 0.5;
  const double mean = median * std::exp(0.5 * sigma * sigma);
  EXPECT_NEAR(r::expected_capped_fee(median, sigma, -1, 1.0), mean, 1e-12);
  EXPECT_NEAR(r::expected_capped_fee(median, sigma, -1, 0.3), mean, 1e-12);
  EXPECT_NEAR(r::expected_capped_fee(median, sigma, 0, 1.0), 0.0, 1e-12);
  EXPECT_NEAR(r::expected_capped_fee(median, sigma, 0, 0.25), 0.75 * mean, 1e-12);
  EXPECT_NEAR(r::expected_capped_fee(median, sigma, 1.0, 0.0), mean, 1e-12);
  // A huge cap never binds.
  EXPECT_NEAR(r::expected_capped_fee(median, sigma, 1e9, 1.0), mean, 1e-9);
  // sigma 0: the fee is the median.
  EXPECT_NEAR(r::expected_capped_fee(median, 0.0, 1.5, 1.0), 1.5, 1e-12);
  EXPECT_NEAR(r::expected_capped_fee(median, 0.0, 3.0, 1.0), 2.0, 1e-12);
  EXPECT_NEAR(r::expected_capped_fee(0.0, sigma, 1.0, 1.0), 0.0, 1e-12);
  // Monotone: a higher cap or less compliance means a higher expected fee.
  EXPECT_LT(r::expected_capped_fee(median, sigma, 1.0, 1.0),
            r::expected_capped_fee(median, sigma, 2.0, 1.0));
  EXPECT_LT(r::expected_capped_fee(median, sigma, 1.0, 1.0),
            r::expected_capped_fee(median, sigma, 1.0, 0.5));
}

TEST(RulesFees, ExpectedCappedFeeAgreesWithMonteCarlo) {
  const double median = 2.0, sigma = 0.6;
  const int N = 200000;
  corridor::Rng rng(7, 0, corridor::Stream::kFee, 1, 0, 0);
  std::vector<double> F(N);
  for (double& f : F) f = rng.lognormal(median, sigma);
  const double caps[] = {-1.0, 0.0, 0.5, 2.0, 4.0};
  const double compliances[] = {0.0, 0.5, 0.8, 1.0};
  for (double cap : caps)
    for (double c : compliances) {
      double s = 0.0, s2 = 0.0;
      for (double f : F) {
        const double x = c * r::worker_fee(f, cap, true) + (1.0 - c) * r::worker_fee(f, cap, false);
        s += x;
        s2 += x * x;
      }
      const double m = s / N;
      const double se = std::sqrt(std::max(0.0, s2 / N - m * m) / N);
      const double expected = r::expected_capped_fee(median, sigma, cap, c);
      EXPECT_NEAR(m, expected, 4.0 * se + 1e-12) << "cap " << cap << " compliance " << c;
    }
}

}  // namespace
