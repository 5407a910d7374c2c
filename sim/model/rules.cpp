#include "model/rules.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace corridor::rules {

double logistic(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

double annuity(double beta, int64_t t0, int64_t H) {
  if (H <= 0) return 0.0;
  if (beta == 1.0) return static_cast<double>(H);
  return std::pow(beta, static_cast<double>(t0 + 1)) *
         (1.0 - std::pow(beta, static_cast<double>(H))) / (1.0 - beta);
}

double discount_sum(double beta, int64_t n) {
  return annuity(beta, 0, n);
}

void logit_probabilities(std::span<const double> u, std::span<double> out) {
  double mx = -std::numeric_limits<double>::infinity();
  for (double v : u) mx = std::max(mx, v);
  double sum = 0.0;
  for (size_t i = 0; i < u.size(); ++i) {
    out[i] = std::isfinite(u[i]) ? std::exp(u[i] - mx) : 0.0;
    sum += out[i];
  }
  for (size_t i = 0; i < u.size(); ++i) out[i] /= sum;
}

int logit_choice(std::span<const double> u, double r) {
  double mx = -std::numeric_limits<double>::infinity();
  for (double v : u) mx = std::max(mx, v);
  double sum = 0.0;
  for (double v : u) sum += std::isfinite(v) ? std::exp(v - mx) : 0.0;
  double target = r * sum;
  int last_finite = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    if (!std::isfinite(u[i])) continue;
    last_finite = static_cast<int>(i);
    target -= std::exp(u[i] - mx);
    if (target < 0) return static_cast<int>(i);
  }
  return last_finite;
}

int64_t accrue_interest(Loan& loan) {
  if (loan.balance <= 0) return 0;
  if (loan.accrued_unpaid >= loan.principal) return 0;  // in duplum
  int64_t interest = round_half_even(static_cast<double>(loan.balance) * loan.rate);
  interest = std::min(interest, loan.principal - loan.accrued_unpaid);
  loan.balance += interest;
  loan.accrued_unpaid += interest;
  return interest;
}

LoanMonth pay_loan(Loan& loan, int64_t available, bool due) {
  LoanMonth out;
  if (!due || loan.balance <= 0) return out;
  // What is owed now: this month's instalment plus the instalments of months in arrears.
  const int64_t owed = std::min(loan.balance, loan.instalment * (1 + loan.arrears));
  const int64_t pay = std::clamp<int64_t>(available, 0, owed);
  out.interest_paid = std::min(pay, loan.accrued_unpaid);
  out.principal_paid = pay - out.interest_paid;
  loan.accrued_unpaid -= out.interest_paid;
  loan.balance -= pay;
  if (pay >= owed) {
    loan.arrears = 0;
  } else {
    out.missed = true;
    loan.arrears += 1;
  }
  // A loan paid off is closed: its principal, instalment and rate do not carry over to the
  // next loan from the same lender (docs/MODEL.md, departures).
  if (loan.balance == 0) loan = Loan{};
  return out;
}

int64_t months_to_clear(int64_t D, double r, int64_t A, int64_t limit) {
  if (D <= 0) return 0;  // nothing borrowed: nothing to clear (as repayment_months)
  Loan loan{D, D, 0, A, r, 0};
  for (int64_t n = 1; n <= limit; ++n) {
    accrue_interest(loan);
    pay_loan(loan, A, true);
    if (loan.balance == 0) return n;
    if (static_cast<double>(A) <= r * static_cast<double>(loan.balance) &&
        loan.accrued_unpaid < loan.principal)
      return -1;
  }
  return -1;
}

int64_t repayment_months(double B, double A, double r) {
  if (B <= 0) return 0;
  if (A <= 0) return -1;
  if (r <= 0) return static_cast<int64_t>(std::ceil(B / A));
  if (A <= r * B) return -1;
  return static_cast<int64_t>(std::ceil(std::log(A / (A - r * B)) / std::log1p(r)));
}

double perceived_interest(double B, double A, double r) {
  const int64_t n = repayment_months(B, A, r);
  if (n < 0) return std::numeric_limits<double>::infinity();
  if (n == 0) return 0.0;
  return std::max(0.0, static_cast<double>(n) * A - B);
}

double worker_fee(double F, double cap, bool complies) {
  if (cap >= 0 && complies) return std::min(F, cap);
  return F;
}

double expected_capped_fee(double median, double sigma, double cap, double compliance) {
  const double mu = std::log(std::max(median, 1e-300));
  const double mean = median * std::exp(0.5 * sigma * sigma);
  if (median <= 0) return 0.0;
  if (cap < 0) return mean;
  // E[min(F, cap)] for lognormal F: E[F; F < cap] + cap P(F >= cap).
  double capped;
  if (cap <= 0) {
    capped = 0.0;
  } else if (sigma <= 0) {
    capped = std::min(median, cap);
  } else {
    const double z = (std::log(cap) - mu) / sigma;
    auto Phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
    capped = mean * Phi(z - sigma) + cap * (1.0 - Phi(z));
  }
  return compliance * capped + (1.0 - compliance) * mean;
}

bool in_season(int cal, int m0, int L) {
  if (L <= 0) return false;
  const int d = ((cal - m0) % 12 + 12) % 12;
  return d < L;
}

int season_selection_month(int m0, int t0) {
  return ((m0 - t0) % 12 + 12) % 12;
}

double remittance_amount(double cash, double fixed, double pct, double need_g, double need_i,
                         double altruism, double surplus) {
  const double affordable = (cash - fixed) / (1.0 + pct);
  const double need = need_g + need_i;
  const double wanted = need + altruism * std::max(0.0, surplus - need);
  return std::min(affordable, wanted);
}

double channel_utility(double constant, double b_cost, double fixed, double pct, double fx,
                       double R) {
  if (R <= 0) return -std::numeric_limits<double>::infinity();
  return constant - b_cost * (fixed + (pct + fx) * R) / R;
}

double business_start_probability(double capital, double threshold, double g0, double g1, double g2,
                                  bool training) {
  if (threshold <= 0 || capital <= threshold) return 0.0;
  return logistic(g0 + g1 * std::log(capital / threshold) + (training ? g2 : 0.0));
}

double return_to_capital(double K, double threshold, double r_k, double elasticity) {
  if (K <= 0 || threshold <= 0) return 0.0;
  return r_k * std::pow(K / threshold, elasticity);
}

double business_income(double K, double own_wage, double threshold, double r_k, double elasticity,
                       bool owner_present) {
  return (owner_present ? own_wage : 0.0) + K * return_to_capital(K, threshold, r_k, elasticity);
}

}  // namespace corridor::rules
