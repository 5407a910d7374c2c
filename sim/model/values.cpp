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

double utility(const Scale& s, double c_local) {
  const double c = std::max(c_local, s.c_sub) - s.zeta * s.c_sub;
  const double k = std::max(c, 1e-12);
  if (std::abs(s.gamma - 1.0) < 1e-12) return std::log(k);
  return (std::pow(k, 1.0 - s.gamma) - 1.0) / (1.0 - s.gamma);
}

double marginal_utility(const Scale& s, double c_local) {
  const double c = std::max(std::max(c_local, s.c_sub) - s.zeta * s.c_sub, 1e-12);
  return std::pow(c, -s.gamma);
}

double month_utility(const Scale& s, double e_usd) {
  return utility(s, s.c_other + s.x * e_usd);
}

double terminal(const Scale& s, int64_t T, double W_usd, double y_home) {
  const int64_t n = std::max<int64_t>(1, s.exit_months - T);
  const double bn = std::pow(s.beta, static_cast<double>(n));
  const double rho = 1.0 / s.beta - 1.0;
  const double r_a = rho > 0 ? rho / (1.0 - bn) : 1.0 / static_cast<double>(n);
  const double months = discount_sum(s.beta, n);
  const double full = months * month_utility(s, y_home + r_a * W_usd);
  if (!(W_usd > s.kink)) return full;
  const double at_kink = months * month_utility(s, y_home + r_a * s.kink);
  return at_kink + s.kink_k * (full - at_kink);
}

namespace {
double pow_beta(const Scale& s, int64_t m) {
  return std::pow(s.beta, static_cast<double>(std::max<int64_t>(0, m)));
}
// Wealth held now, or arriving `at` months ahead, compounded at rho to T.
double at_T(const Scale& s, double W, int64_t at, int64_t T) {
  return W / pow_beta(s, T - at);
}

// A target earner's room: the gain (USD) still below the target, from wealth `base` up to
// the kink. A month whose expected contribution exceeds home income by `excess` counts in
// full while room is left and k times after (the month crossing the target in part); a month
// below home income counts in full and widens the room. No kink: every month in full.
struct Room {
  double left;
  double k;
  Room(const Scale& s, double base) : left(s.kink - base), k(s.kink_k) {}
  double weight(double excess) {
    if (std::isinf(left)) return 1.0;
    if (excess <= 0) {
      left -= excess;
      return 1.0;
    }
    if (left <= 0) return k;
    if (excess <= left) {
      left -= excess;
      return 1.0;
    }
    const double f = left / excess;
    left = 0;
    return f + (1.0 - f) * k;
  }
  // A month's utility `month` against home `u_home`, weighted as above.
  double month(double month_u, double u_home, double excess) {
    if (std::isinf(left)) return month_u;
    return u_home + weight(excess) * (month_u - u_home);
  }
  // The scale for the terminal value: what is left of the room above wealth `base_T` at T.
  Scale terminal_scale(const Scale& s, double base_T) const {
    Scale t = s;
    if (!std::isinf(left)) t.kink = base_T + std::max(0.0, left);
    return t;
  }
};
}  // namespace

Value value_home(const Scale& s, int64_t T, double y_home, double wealth) {
  Value v;
  v.u = discount_sum(s.beta, T) * month_utility(s, y_home) +
        pow_beta(s, T) * terminal(s, T, at_T(s, wealth, 0, T), y_home);
  return v;
}

Value value_return(const Scale& s, int64_t T, double y_home, double savings,
                   const ReturnTerms& terms) {
  return value_home(s, T, y_home, savings + terms.total());
}

Value value_stay(const Scale& s, double delta, std::span<const double> p_irr, double w_irr,
                 double living, double housing, double y_home, double savings,
                 double deportation_loss) {
  const auto T = static_cast<int64_t>(p_irr.size());
  const double u_work = month_utility(s, w_irr - living - housing);
  const double u_idle = month_utility(s, -living - housing);
  const double u_home = month_utility(s, y_home);
  Value v;
  Room room(s, savings);
  double bm = 1.0, undetected = 1.0;
  for (const double p : p_irr) {
    bm *= s.beta;
    undetected *= 1.0 - delta;
    const double e = undetected * (p * w_irr - living - housing) + (1.0 - undetected) * y_home;
    const double month =
        undetected * (p * u_work + (1.0 - p) * u_idle) + (1.0 - undetected) * u_home;
    v.u += bm * room.month(month, u_home, e - y_home);
    v.away += bm * undetected;
  }
  const Scale st = room.terminal_scale(s, at_T(s, savings, 0, T));
  const double kept = terminal(st, T, at_T(s, savings, 0, T), y_home);
  const double seized = terminal(st, T, at_T(s, savings * (1.0 - deportation_loss), 0, T), y_home);
  v.u += bm * (undetected * kept + (1.0 - undetected) * seized);
  return v;
}

Value value_work(const Scale& s, int64_t H, int64_t T, double net_pay, double unpaid_cost,
                 double p_emp, double y_home, double savings, const ReturnTerms& after,
                 double away_weight) {
  H = std::max<int64_t>(0, H);
  T = std::max(T, H);
  const double work =
      p_emp * month_utility(s, net_pay) + (1.0 - p_emp) * month_utility(s, -unpaid_cost);
  const double u_home = month_utility(s, y_home);
  const double excess = p_emp * net_pay - (1.0 - p_emp) * unpaid_cost - y_home;
  Room room(s, savings);
  Value v;
  v.u = (discount_sum(s.beta, T) - discount_sum(s.beta, H)) * u_home;
  if (std::isinf(s.kink)) {
    v.u += discount_sum(s.beta, H) * work;
  } else {
    double bm = 1.0;
    for (int64_t m = 0; m < H; ++m) {
      bm *= s.beta;
      v.u += bm * room.month(work, u_home, excess);
    }
  }
  const double base_T = at_T(s, savings, 0, T);
  v.u += pow_beta(s, T) *
         terminal(room.terminal_scale(s, base_T), T, base_T + at_T(s, after.total(), H, T), y_home);
  v.away = away_weight * discount_sum(s.beta, H);
  return v;
}

Value value_contract(const Scale& s, int64_t t0, int64_t H, int64_t T, double net_emp,
                     double net_unemp, double p_emp, double y_home, double wealth, double cost,
                     double lump, double away_weight) {
  t0 = std::max<int64_t>(0, t0);
  H = std::max<int64_t>(0, H);
  T = std::max(T, t0 + H);
  const double u_home = month_utility(s, y_home);
  const double work =
      p_emp * month_utility(s, net_emp) + (1.0 - p_emp) * month_utility(s, net_unemp);
  const double d0 = discount_sum(s.beta, t0), d1 = discount_sum(s.beta, t0 + H);
  const double excess = p_emp * net_emp + (1.0 - p_emp) * net_unemp - y_home;
  Room room(s, wealth - cost);
  Value v;
  v.u = d0 * u_home + (discount_sum(s.beta, T) - d1) * u_home;
  if (std::isinf(s.kink)) {
    v.u += (d1 - d0) * work;
  } else {
    double bm = pow_beta(s, t0);
    for (int64_t m = 0; m < H; ++m) {
      bm *= s.beta;
      v.u += bm * room.month(work, u_home, excess);
    }
  }
  const double base_T = at_T(s, wealth - cost, 0, T);
  v.u += pow_beta(s, T) *
         terminal(room.terminal_scale(s, base_T), T, base_T + at_T(s, lump, t0 + H, T), y_home);
  v.away = away_weight * (d1 - d0);
  return v;
}

Value value_route(const Scale& s, int64_t T, double pi_cross, int attempts, double delta,
                  std::span<const double> p_irr, double w_irr, double cost, double y_home,
                  double wealth, double fee) {
  const double success = 1.0 - std::pow(1.0 - pi_cross, attempts);
  const auto H = static_cast<int64_t>(p_irr.size());
  T = std::max(T, H);
  const double u_work = month_utility(s, w_irr - cost);
  const double u_idle = month_utility(s, -cost);
  const double u_home = month_utility(s, y_home);
  Value v;
  Room room(s, wealth - fee);
  double bm = 1.0, undetected = 1.0;
  for (const double p : p_irr) {
    bm *= s.beta;
    undetected *= 1.0 - delta;
    const double month =
        success * (undetected * (p * u_work + (1.0 - p) * u_idle) + (1.0 - undetected) * u_home) +
        (1.0 - success) * u_home;
    const double e = success * (undetected * (p * w_irr - cost) + (1.0 - undetected) * y_home) +
                     (1.0 - success) * y_home;
    v.u += bm * room.month(month, u_home, e - y_home);
    v.away += success * bm * undetected;
  }
  const double d_H = discount_sum(s.beta, H);
  const double base_T = at_T(s, wealth - fee, 0, T);
  v.u += (discount_sum(s.beta, T) - d_H) * u_home +
         pow_beta(s, T) * terminal(room.terminal_scale(s, base_T), T, base_T, y_home);
  return v;
}

}  // namespace corridor::values
