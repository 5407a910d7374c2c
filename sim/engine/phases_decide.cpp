// Phase 4: information, re-hire offers and the migration decision (MODEL.md 4.1, 4.5).
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/replicate.hpp"
#include "model/values.hpp"

namespace corridor {

namespace {
constexpr double kNegInf = -std::numeric_limits<double>::infinity();
}

double Replicate::psel(int s) const {
  if (recruit_rounds_[s] == 0) return 1.0;  // before any history
  return std::min(1.0, slots_hist_[s].sum() / std::max(1.0, applicants_hist_[s].sum()));
}
double Replicate::pemp(int s) const {
  const double legal = legal_hist_[s].sum();
  return legal > 0 ? emp_hist_[s].sum() / legal : 1.0;
}
double Replicate::qrate(int s) const {
  const double el = eligible_hist_[s].sum();
  return el > 0 ? offers_hist_[s].sum() / el : 0.0;
}
double Replicate::prevalence_of_origin(int o) const {
  double p = 0;
  for (int c : w_.origin_corridors[o]) p += prevalence_[c];
  return p;
}
double Replicate::p_irr_at(int d, int64_t month) const {
  const int cal = rules::calendar_month(spec_.run.start_month, month);
  const double v = p_irr_by_cal_[d][static_cast<size_t>(cal)];
  return v >= 0 ? v : lev_.destinations[d].p_irr_max;
}
double Replicate::months_to_exit(size_t i) const {
  return std::max(0.0, static_cast<double>(spec_.behaviour.exit_age_years * 12 - a_.age[i]));
}

bool Replicate::eligible(int s, size_t i) const {
  const auto& sch = lev_.schemes[s];
  if (sch.sex == "female" && a_.sex[i] != 0) return false;
  if (sch.sex == "male" && a_.sex[i] != 1) return false;
  if (!sch.bands.empty()) {
    bool ok = false;
    for (const auto& b : sch.bands) ok = ok || b == kBandNames[a_.band[i]];
    if (!ok) return false;
  }
  return a_.age[i] <= sch.age_max_years * 12 + 11;
}

double Replicate::perceived_cost(int s, size_t i) const {
  const auto& sch = lev_.schemes[s];
  const auto& cor = lev_.corridors[w_.scheme_corridor[s]];
  const double wage = scheme_wage(s, i);
  double fee = 0.0;
  if (!sch.employer_pays_fee) {
    if (sch.selection == "agency") {
      fee = rules::expected_capped_fee(fee_median(s), cor.fee_sigma, sch.fee_cap_months,
                                       sch.compliance) *
            wage;
      if (!a_.informed[i]) fee *= (1.0 - spec_.behaviour.o_f);
    } else {
      fee = sch.admin_fee;
    }
  }
  double cost = fee + cor.documents + sch.welfare_premium;
  if (!sch.employer_pays_travel) cost += cor.travel;
  if (!sch.employer_pays_training) cost += sch.training_cost;
  return cost;
}

double Replicate::borrowing_limit_local(size_t i, int lender, int s) const {
  const auto& b = spec_.behaviour;
  const double annual = 12.0 * home_wage_local(i) * (1.0 + b.omega * (a_.household[i] - 1));
  const int o = a_.origin[i];
  switch (lender) {
    case kSchemeLoan:
      return s >= 0 && lev_.schemes[s].loan_rate >= 0 ? lev_.schemes[s].loan_max * x_now(o) : 0.0;
    case kFamily: {
      const int c = s >= 0 ? w_.scheme_corridor[s] : -1;
      const double prev = c >= 0 ? prevalence_[c] : prevalence_of_origin(o);
      return (b.family_limit_base + b.family_limit_slope * prev) * annual;
    }
    default:
      return b.moneylender_limit * annual;
  }
}

bool Replicate::feasible(double cost_usd, size_t i, int s) const {
  const int o = a_.origin[i];
  double can = from_minor(a_.home_savings[i]);
  for (int l = 0; l < kLenders; ++l) can += borrowing_limit_local(i, l, s);
  return can >= cost_usd * x_now(o);
}

// The terms of one contract on scheme s for agent i (MODEL.md 4.1), in USD: the
// discounted monthly gain a g, the deferred payouts D, the perceived up-front cost with
// interest K (and its fee part), and the instalment A.
Replicate::ContractTerms Replicate::contract_terms(int s, size_t i) const {
  const auto& b = spec_.behaviour;
  const auto& sch = lev_.schemes[s];
  const auto& n = sn_[s];
  const int d = w_.corridor_destination[w_.scheme_corridor[s]];
  const auto& dest = lev_.destinations[d];
  ContractTerms c;
  const double p = pemp(s);
  const double w_hat = wage_belief_ * scheme_wage(s, i) * (1.0 + (a_.informed[i] ? 0.0 : b.o_w));
  const double ss_lost = sch.social_security * (1.0 - sch.ss_portable);
  const double ss_port = sch.social_security * sch.ss_portable;
  const double y_home = y_home_usd(i);
  const double housing = sch.employer_pays_housing ? 0.0 : dest.housing;
  c.net_emp = w_hat * (1.0 - dest.wage_tax - ss_lost - sch.compulsory_savings - ss_port) -
              dest.living - housing;
  c.idle = dest.living + housing;
  c.g = p * (c.net_emp + c.idle) - c.idle - y_home;
  c.payout = n.H * p * w_hat * (sch.compulsory_savings + ss_port) + sch.return_bonus;
  c.D = std::pow(beta_, n.t0 + n.H) * c.payout;
  const double cost = perceived_cost(s, i);
  const int o = a_.origin[i];
  const double savings = from_minor(a_.home_savings[i]) / x_now(o);
  const double B = std::max(0.0, cost - savings);
  c.A = 0.5 * (c.g + y_home);
  // Balance-weighted rate of the lenders used, in the 4.2 order.
  double left = B, wsum = 0, rsum = 0;
  for (int l = 0; l < kLenders && left > 0; ++l) {
    const double lim = borrowing_limit_local(i, l, s) / x_now(o);
    const double take = std::min(left, lim);
    const double r = l == kSchemeLoan ? std::pow(1.0 + sch.loan_rate, 1.0 / 12.0) - 1.0
                     : l == kFamily   ? 0.0
                                      : b.moneylender_rate;
    rsum += take * r;
    wsum += take;
    left -= take;
  }
  const double r = wsum > 0 ? rsum / wsum : 0.0;
  const double interest = rules::perceived_interest(B, c.A, r);
  c.feasible = std::isfinite(interest);
  c.K = cost + (c.feasible ? interest : 0.0);
  c.fee = sch.selection == "agency" && !sch.employer_pays_fee
              ? rules::expected_capped_fee(fee_median(s),
                                           lev_.corridors[w_.scheme_corridor[s]].fee_sigma,
                                           sch.fee_cap_months, sch.compliance) *
                    scheme_wage(s, i)
              : 0.0;
  c.a = rules::annuity(beta_, n.t0, n.H);
  return c;
}

// Re-selection odds of a returnee (core v2 M1): the re-hire offer rate with assured re-entry,
// otherwise the observed share of on-time returnees re-deployed on the scheme (re-entries
// over on-time returns in the last 24 months).
double Replicate::reselection(int s) const {
  if (lev_.schemes[s].assured_reentry) return qrate(s);
  const double returns = ontime_hist_[s].sum();
  return returns > 0 ? std::min(1.0, reentry_hist_[s].sum() / returns) : 0.0;
}

// What a return from scheme s brings agent i beyond home income and balances (core v2 M1):
// q_i V_re after an on-time return from a scheme with assured re-entry, and the residence
// path's value while fewer than N qualifying years are done (`qualifying_months` after the
// return). Balances and bonus are the caller's.
values::ReturnTerms Replicate::return_terms(int s, size_t i, const ContractTerms& c,
                                            int64_t qualifying_months, bool on_time) const {
  values::ReturnTerms t;
  if (!on_time) return t;
  const auto& sch = lev_.schemes[s];
  const auto& n = sn_[s];
  const int gap = n.seasonal ? std::max(0, 12 - n.H - n.t0) : n.gap;
  // A seasonal scheme re-hires once a year, whatever its season and processing take.
  const int64_t cycle = n.seasonal ? 12 : std::max(1, n.t0 + n.H + gap);
  const auto left = static_cast<int64_t>(months_to_exit(i));
  const double q = qrate(s);
  if (sch.assured_reentry && q > 0 && c.feasible) {
    // The next cycle's gain: no fee (re-hired directly), no further re-entry value.
    const double G_next = c.a * c.g + c.D - std::max(0.0, c.K - c.fee);
    t.reentry = q * values::reentry(beta_, q, gap, cycle, left / cycle, G_next);
  }
  const int64_t needed = sch.residence_years * 12 - qualifying_months;
  if (sch.residence_years > 0 && needed > 0) {
    const int d = w_.corridor_destination[w_.scheme_corridor[s]];
    const auto& dest = lev_.destinations[d];
    const int k = w_.scheme_sector[s];
    const auto& sec = dest.sectors[w_.sector_local[k]];
    const int o = a_.origin[i];
    const double h_ref = spec_.origins[o].bands[a_.band[i]].h0;
    const double w_mkt =
        sec.wage[a_.band[i]] * sec.wage_index * std::min<double>(a_.h_used[i], sec.req) / h_ref;
    const double net = pemp(s) * w_mkt - dest.living - dest.housing - y_home_usd(i);
    // A season counts a qualifying year; otherwise each month of the contract counts.
    const int64_t per_cycle = n.seasonal ? 12 : std::max(1, n.H);
    const int64_t cycles = (needed + per_cycle - 1) / per_cycle;
    t.path = values::residence_path(beta_, cycles, reselection(s), cycle, sch.p_settle, left, net);
  }
  return t;
}

// Qualifying months agent i will have on its scheme once the current contract ends on time:
// a season counts a year at its on-time return; other schemes count months of legal work,
// those done and those still to work in this contract.
int64_t Replicate::qualifying_months_at_end(size_t i, int s) const {
  const int64_t done = a_.qual_years[i] * 12;
  if (sn_[s].seasonal) return done + 12;
  return done + a_.qual_months[i] + std::max<int64_t>(0, a_.contract_end[i] - t_);
}

// G_c of 4.1 for agent i on scheme s, in USD: a g + D - K + beta^(t0+H) (q V_re + P_N V_settle),
// valued as if the first contract ends on time; also returns g_c and the instalment A.
double Replicate::scheme_gain(int s, size_t i, double* g_out, double* A_out) const {
  const ContractTerms c = contract_terms(s, i);
  const auto& n = sn_[s];
  if (g_out) *g_out = c.g;
  if (A_out) *A_out = c.A;
  if (!c.feasible) return kNegInf;
  // Qualifying months after the first contract: those already held on this scheme (they
  // reset on another scheme) plus this contract's.
  const int64_t held = a_.last_scheme[i] == s ? a_.qual_years[i] * 12 : 0;
  const int64_t after = held + (n.seasonal ? 12 : n.H);
  const values::ReturnTerms t = return_terms(s, i, c, after, true);
  return c.a * c.g + c.D - c.K + std::pow(beta_, n.t0 + n.H) * (t.reentry + t.path);
}

double Replicate::contract_utility(int s, size_t i) const {
  const ContractTerms c = contract_terms(s, i);
  if (!c.feasible) return kNegInf;
  const auto& n = sn_[s];
  const int64_t held = a_.last_scheme[i] == s ? a_.qual_years[i] * 12 : 0;
  const values::ReturnTerms t = return_terms(s, i, c, held + (n.seasonal ? 12 : n.H), true);
  const int64_t T = std::max<int64_t>(n.t0 + n.H, spec_.behaviour.horizon_stay);
  const values::Scale sc = scale(i);
  const double y = y_home_usd(i);
  const double wealth = from_minor(a_.home_savings[i]) / x_now(a_.origin[i]);
  const values::Value v = values::value_contract(sc, n.t0, n.H, T, c.net_emp, -c.idle, pemp(s), y,
                                                 wealth, c.K, c.payout + t.reentry + t.path,
                                                 1.0 - 0.5 * lev_.schemes[s].multiple_entry);
  return choice_utility(i, v, values::value_home(sc, T, y, wealth), 0);
}

double Replicate::scheme_utility(int s, size_t i) const {
  const auto& b = spec_.behaviour;
  const auto& sch = lev_.schemes[s];
  const double U = contract_utility(s, i);
  if (!std::isfinite(U)) return kNegInf;
  const double prev = prevalence_[w_.scheme_corridor[s]];
  // Rationing: P_sel scales the value of applying (MODEL.md 4.1) and, as an availability
  // term, b_avail ln(P_sel) enters the utility so that a scheme that selects nobody attracts
  // no applicants (departure from MODEL.md, see docs/MODEL.md).
  const double p_sel = unrationed_ ? 1.0 : psel(s);
  if (p_sel <= 0 && b.b_avail > 0) return kNegInf;
  return p_sel * U + b.b_avail * std::log(std::max(p_sel, 1e-300)) +
         b.b_net * std::log1p(b.kappa * prev) + b.b_exp * a_.prior_trip[i] + sch.route_constant;
}

double Replicate::route_utility(int c, size_t i) const {
  const auto& b = spec_.behaviour;
  const auto& route = lev_.corridors[c].irregular;
  const int d = w_.corridor_destination[c];
  const auto& dest = lev_.destinations[d];
  std::array<double, 600> p;  // only the first Hn are set and read
  const auto Hn = static_cast<size_t>(std::min<int64_t>(route.horizon, 600));
  for (size_t m = 0; m < Hn; ++m) p[m] = p_irr_at(d, t_ + 1 + static_cast<int64_t>(m));
  const double pi = a_.prior_trip[i] ? route.pi_cross_repeat : route.pi_cross_first;
  const double y_home = y_home_usd(i);
  const int o = a_.origin[i];
  const double savings = from_minor(a_.home_savings[i]) / x_now(o);
  const double B = std::max(0.0, route.smuggler_fee - savings);
  const double w_irr = wage_belief_ * irregular_wage(d, i);
  const double A = 0.5 * (w_irr - dest.living - dest.housing);
  const double interest = rules::perceived_interest(B, A, b.moneylender_rate);
  if (!std::isfinite(interest)) return kNegInf;
  const int64_t T = std::max<int64_t>(static_cast<int64_t>(Hn), b.horizon_stay);
  const values::Scale sc = scale(i);
  const values::Value v =
      values::value_route(sc, T, pi, static_cast<int>(route.max_attempts), dest.detection,
                          std::span<const double>(p.data(), Hn), w_irr, dest.living + dest.housing,
                          y_home, savings, route.smuggler_fee + interest);
  return choice_utility(i, v, values::value_home(sc, T, y_home, savings), 0) +
         b.b_net * std::log1p(b.kappa * prevalence_[c]) + b.b_exp * a_.prior_trip[i];
}

// The options agent i at home weighs when it considers a move (MODEL.md 4.1): staying
// (utility 0, option -1), every open scheme it is eligible for and can pay, and every
// irregular route it can pay.
void Replicate::home_options(size_t i, std::vector<double>& util, std::vector<int>& opt) const {
  util.assign(1, 0.0);
  opt.assign(1, -1);
  const int o = a_.origin[i];
  for (int c : w_.origin_corridors[o]) {
    for (int s : w_.corridor_schemes[c]) {
      if (!lev_.schemes[s].open || !eligible(s, i)) continue;
      if (!feasible(perceived_cost(s, i), i, s)) continue;
      const double u = scheme_utility(s, i);
      if (!std::isfinite(u)) continue;
      util.push_back(u);
      opt.push_back(s);
    }
    if (lev_.corridors[c].irregular.exists &&
        feasible(lev_.corridors[c].irregular.smuggler_fee, i, -1)) {
      const double u = route_utility(c, i);
      if (std::isfinite(u)) {
        util.push_back(u);
        opt.push_back(w_.route_channel(c));
      }
    }
  }
}

double Replicate::move_probability(size_t i) const {
  if (a_.st(i) != Status::kHome || a_.attempts_left[i] > 0 || a_.ban_until[i] > t_) return -1.0;
  std::vector<double> util;
  std::vector<int> opt;
  home_options(i, util, opt);
  double mx = 0;
  for (double u : util) mx = std::max(mx, u);
  double sum = 0;
  for (double u : util) sum += std::exp(u - mx);
  return 1.0 - std::exp(-mx) / sum;
}

void Replicate::phase_decide() {
  const auto& b = spec_.behaviour;
  const int cal = rules::calendar_month(spec_.run.start_month, t_);
  // (a) Re-hire offers, answered at once.
  for (int s = 0; s < w_.n_schemes; ++s) {
    const auto& sch = lev_.schemes[s];
    const auto& n = sn_[s];
    if (!sch.assured_reentry || !sch.open) {
      offers_hist_[s].push(t_, 0);
      eligible_hist_[s].push(t_, 0);
      continue;
    }
    if (n.seasonal && cal != rules::season_selection_month(n.m0, n.t0)) {
      offers_hist_[s].push(t_, 0);
      eligible_hist_[s].push(t_, 0);
      continue;
    }
    std::vector<std::pair<std::pair<int64_t, uint64_t>, size_t>> cand;
    serial_where(
        [&](size_t i) {
          if (a_.st(i) != Status::kHome || a_.last_scheme[i] != s) return false;
          if (static_cast<TripEnd>(a_.trip_end[i]) != TripEnd::kOnTime) return false;
          const int64_t home = t_ - a_.return_month[i];
          if (home < n.gap || home > b.rehire_max_home_months) return false;
          return !(a_.ban_until[i] > t_ || a_.attempts_left[i] > 0 || !eligible(s, i));
        },
        [&](size_t i) {
          cand.push_back({{-(t_ - a_.return_month[i]), key(Stream::kRehire, i)}, i});
        });
    std::sort(cand.begin(), cand.end());
    double slots = slots_for(s);
    double offered = 0, elig = 0;
    for (const auto& [k, i] : cand) {
      elig += a_.weight(i);
      add(i, s, Ind::eligible_returnees);
      if (slots <= 0) continue;
      slots -= a_.weight(i);
      offered += a_.weight(i);
      add(i, s, Ind::rehire_offers);
      // Stay versus this scheme with P_sel = 1.
      const double U = contract_utility(s, i);
      if (!std::isfinite(U)) continue;
      const double prev = prevalence_[w_.scheme_corridor[s]];
      const double u = U + b.b_net * std::log1p(b.kappa * prev) + b.b_exp * a_.prior_trip[i] +
                       sch.route_constant;
      const double util[2] = {0.0, u};
      Rng r = rng(Stream::kRehire, i);
      if (rules::logit_choice(util, r.uniform()) == 1) {
        a_.status[i] = static_cast<uint8_t>(Status::kApplicant);
        a_.channel[i] = static_cast<int16_t>(s);
        a_.applied_month[i] = static_cast<int16_t>(t_);
        a_.tier1[i] = 1;
        add(i, s, Ind::applications);
      }
    }
    offers_hist_[s].push(t_, offered);
    eligible_hist_[s].push(t_, elig);
  }

  // (b) Information and unsolicited consideration at home.
  for_blocks([&](size_t lo, size_t hi) {
    std::vector<double> util;
    std::vector<int> opt;
    for (size_t i = lo; i < hi; ++i) {
      if (a_.st(i) != Status::kHome || a_.attempts_left[i] > 0) continue;
      const int o = a_.origin[i];
      if (!a_.informed[i]) {
        Rng ri = rng(Stream::kInform, i);
        if (ri.bernoulli(b.i0 + b.i1 * prevalence_of_origin(o))) a_.informed[i] = 1;
      }
      if (a_.ban_until[i] > t_) continue;
      Rng r = rng(Stream::kConsider, i);
      if (!r.bernoulli(b.lambda)) continue;
      home_options(i, util, opt);
      if (opt.size() == 1) continue;
      Rng rc = rng(Stream::kChoice, i);
      const int pick = opt[static_cast<size_t>(rules::logit_choice(util, rc.uniform()))];
      if (pick < 0) continue;
      if (w_.is_scheme(pick)) {
        a_.status[i] = static_cast<uint8_t>(Status::kApplicant);
        a_.channel[i] = static_cast<int16_t>(pick);
        a_.applied_month[i] = static_cast<int16_t>(t_);
        a_.tier1[i] = lev_.schemes[pick].named_rehire && a_.last_scheme[i] == pick &&
                              static_cast<TripEnd>(a_.trip_end[i]) == TripEnd::kOnTime
                          ? 1
                          : 0;
        add(i, pick, Ind::applications);
      } else {
        const int c = w_.channel_corridor(pick);
        a_.route_pending[i] = static_cast<int16_t>(c);
        a_.attempts_left[i] = static_cast<int8_t>(lev_.corridors[c].irregular.max_attempts);
      }
    }
  });
}

}  // namespace corridor
