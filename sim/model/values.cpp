#include "model/values.hpp"

#include <algorithm>
#include <cmath>

#include "model/rules.hpp"

namespace corridor::values {

using rules::discount_sum;

double reentry(double beta, double q, int64_t gap, int64_t cycle_months, int64_t cycles,
               double G_next) {
  if (cycles <= 0 || q <= 0 || G_next <= 0) return 0.0;
  const double first = std::pow(beta, static_cast<double>(std::max<int64_t>(0, gap)));
  const double ratio = q * std::pow(beta, static_cast<double>(std::max<int64_t>(1, cycle_months)));
  double sum = 0.0, term = first * G_next;
  for (int64_t j = 1; j <= cycles; ++j) {
    sum += term;
    term *= ratio;
  }
  return sum;
}

double settlement(double beta, double p_settle, int64_t months_left, double net_month) {
  if (p_settle <= 0) return 0.0;
  const double hazard = beta * p_settle / (1.0 - beta * (1.0 - p_settle));
  return hazard * discount_sum(beta, months_left) * net_month;
}

double residence_path(double beta, int64_t cycles_needed, double q_eff, int64_t cycle_months,
                      double p_settle, int64_t months_left, double net_month) {
  const int64_t n = std::max<int64_t>(0, cycles_needed);
  if (n > 0 && q_eff <= 0) return 0.0;
  const double reach = std::pow(std::min(1.0, q_eff), static_cast<double>(n));
  const double wait = std::pow(beta, static_cast<double>(n * std::max<int64_t>(0, cycle_months)));
  return reach * wait * settlement(beta, p_settle, months_left - n * cycle_months, net_month);
}

double value_return(double beta, int64_t T, double y_home, const ReturnTerms& terms) {
  return discount_sum(beta, T) * y_home + terms.total();
}

double value_return_with_savings(double beta, int64_t T, double y_home, double savings_abroad,
                                 const ReturnTerms& terms) {
  return value_return(beta, T, y_home, terms) + savings_abroad;
}

double value_stay(double beta, double delta, std::span<const double> p_irr, double w_irr,
                  double living, double housing, double y_home, double savings_abroad,
                  double deportation_loss) {
  double v = 0.0, bm = 1.0, undetected = 1.0;
  for (const double p : p_irr) {
    bm *= beta;
    undetected *= 1.0 - delta;
    v += bm * (undetected * (p * w_irr - living - housing) + (1.0 - undetected) * y_home);
  }
  return v + savings_abroad * (1.0 - deportation_loss * (1.0 - undetected));
}

double value_renew(double beta, int64_t H, int64_t T, double net_pay, double p_emp, double y_home,
                   const ReturnTerms& after) {
  const double work = discount_sum(beta, H) * p_emp * net_pay;
  const double home = (discount_sum(beta, std::max(H, T)) - discount_sum(beta, H)) * y_home;
  return work + home + std::pow(beta, static_cast<double>(std::max<int64_t>(0, H))) * after.total();
}

double value_continue(double beta, int64_t H_left, double net_pay, const ReturnTerms& terms) {
  return discount_sum(beta, H_left) * net_pay +
         std::pow(beta, static_cast<double>(std::max<int64_t>(0, H_left))) * terms.total();
}

double value_return_early(double beta, int64_t H_left, double y_home, double balances) {
  return discount_sum(beta, H_left) * y_home + balances;
}

double irregular_route(double beta, double pi_cross, int attempts, double delta,
                       std::span<const double> p_irr, double w_irr, double cost, double y_home) {
  const double success = 1.0 - std::pow(1.0 - pi_cross, attempts);
  double sum = 0.0, bm = 1.0, undetected = 1.0;
  for (const double p : p_irr) {
    bm *= beta;
    undetected *= 1.0 - delta;
    sum += bm * undetected * (p * w_irr - cost - y_home);
  }
  return success * sum;
}

}  // namespace corridor::values
