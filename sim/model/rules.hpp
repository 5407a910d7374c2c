// Behaviour rules: small pure functions of state, context and uniform random numbers.
// Every rule is unit-tested on its own (tests/test_rules_*.cpp); the engine only
// gathers inputs, calls these and stores the results.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>

namespace corridor::rules {

// ---- Conventions (MODEL.md 0) ----------------------------------------------------------

inline double beta_of(double rho) {
  return 1.0 / (1.0 + rho);
}
double logistic(double z);
// Round a*b to the nearest integer, halves to even (money in integer minor units). Inline:
// the engine rounds several amounts per agent and month.
inline int64_t round_half_even(double x) {
  const double r = std::nearbyint(x);  // default rounding mode: to nearest, ties to even
  return static_cast<int64_t>(r);
}
// Calendar month of simulation month m.
inline int calendar_month(int64_t start_month, int64_t m) {
  return static_cast<int>((start_month + m) % 12);
}
// Discounted sum a(t0, H) = beta^(t0+1) (1 - beta^H) / (1 - beta).
double annuity(double beta, int64_t t0, int64_t H);
// sum_{m=1..n} beta^m
double discount_sum(double beta, int64_t n);

// ---- Choice -----------------------------------------------------------------------------

// Multinomial logit probability of each option (Gumbel errors), written to `out`.
void logit_probabilities(std::span<const double> utilities, std::span<double> out);
// Index chosen by inverse CDF of the logit probabilities with one uniform u in (0,1).
// Equivalent in distribution to the arg-max of utilities plus Gumbel errors.
int logit_choice(std::span<const double> utilities, double u);

// ---- Debt (4.4, exact check in 7) ---------------------------------------------------------

struct Loan {
  int64_t balance = 0;         // minor units, principal plus capitalised interest
  int64_t principal = 0;       // original principal (for in duplum)
  int64_t accrued_unpaid = 0;  // interest accrued and not yet paid
  int64_t instalment = 0;      // due each month
  double rate = 0.0;           // monthly
  int32_t arrears = 0;         // consecutive months a due instalment was not paid in full
};

struct LoanMonth {
  int64_t interest = 0;  // accrued this month
  int64_t interest_paid = 0;
  int64_t principal_paid = 0;
  bool missed = false;  // a due instalment was not paid in full
};

// Interest accrual: round_half_even(balance * rate), suspended while accrued unpaid
// interest equals the original principal (in duplum).
int64_t accrue_interest(Loan& loan);
// Pay up to min(instalment + arrears owed, available) : interest first, then principal.
// `due` says whether an instalment falls due this month (nothing is due before the first
// work month). Updates arrears. A loan paid off is reset to Loan{} (closed).
LoanMonth pay_loan(Loan& loan, int64_t available, bool due);
// Months until a loan (D, r, A) is cleared when accrual and payment start one month after
// disbursement and every instalment is paid; -1 when it never clears (A <= r D) within
// `limit` months.
int64_t months_to_clear(int64_t D, double r, int64_t A, int64_t limit = 100000);

// Perceived repayment months n = ceil(ln(A / (A - r B)) / ln(1 + r)) (ceil(B/A) at r = 0);
// -1 when infeasible (A <= r B or A <= 0 with B > 0); 0 when B <= 0.
int64_t repayment_months(double B, double A, double r);
// Perceived interest n A - B (0 when nothing is borrowed); +infinity when infeasible.
double perceived_interest(double B, double A, double r);

// ---- Fees (4.2) ---------------------------------------------------------------------------

// The fee a worker pays: the drawn fee F, limited to the cap when the agency complies
// (cap < 0 means no cap).
double worker_fee(double F, double cap, bool complies);
// Expected fee a worker perceives in months of contract wage, for an informed applicant:
// c E[min(F, cap)] + (1 - c) E[F], F lognormal(median, sigma).
double expected_capped_fee(double median, double sigma, double cap, double compliance);

// ---- Seasons (4.5 / 3) --------------------------------------------------------------------

// Whether calendar month `cal` lies in the window starting at m0 of length L (wrapping
// across December).
bool in_season(int cal, int m0, int L);
// Calendar month in which a seasonal scheme selects: m0 - t0 (mod 12).
int season_selection_month(int m0, int t0);

// ---- Remittances (4.4) --------------------------------------------------------------------

// Remittance amount R = min((cash - fixed) / (1 + pct), G' + I' + a max(0, S - G' - I')).
// R <= 0 means no transfer.
double remittance_amount(double cash, double fixed, double pct, double need_g, double need_i,
                         double altruism, double surplus);
// Channel utility const - b_cost (fixed + (pct + fx) R) / R.
double channel_utility(double constant, double b_cost, double fixed, double pct, double fx,
                       double R);

// ---- Reintegration (4.6) -----------------------------------------------------------------

// Monthly business-start probability Lambda(g0 + g1 ln(capital/threshold) + g2 training);
// 0 when capital <= threshold.
double business_start_probability(double capital, double threshold, double g0, double g1, double g2,
                                  bool training);
// Monthly return to capital r_k (K / threshold)^elasticity.
double return_to_capital(double K, double threshold, double r_k, double elasticity);
// A business's monthly income to its household: the return on its capital K, plus the
// owner's own wage only while the owner is at home to work in it (an owner is not also
// paid a wage: it has left the wage process).
double business_income(double K, double own_wage, double threshold, double r_k, double elasticity,
                       bool owner_present);

}  // namespace corridor::rules
