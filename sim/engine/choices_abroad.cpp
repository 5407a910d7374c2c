// What agents weigh when they choose (MODEL.md 4.5, core v2 M0 and M1): the money scale of
// an agent's household and its location preference, which turn the values of
// sim/model/values.hpp into utilities; the inputs of those values for agents abroad
// (staying irregularly, what an on-time or early return brings, the contract's net pay); and
// the staying choice shared by job searchers, absconders and irregular migrants.
#include <algorithm>
#include <array>
#include <cmath>

#include <tbb/parallel_sort.h>

#include "engine/replicate.hpp"
#include "model/values.hpp"

namespace corridor {

namespace {
double employment_odds(const Origin& org) {
  return org.job_finding + org.separation > 0 ? org.job_finding / (org.job_finding + org.separation)
                                              : 1.0;
}
}  // namespace

// What the household consumes with the agent at home (local a month): the other members'
// expected earnings plus the agent's expected home income.
double Replicate::household_consumption_local(size_t i) const {
  const auto& org = lev_.origins[a_.origin[i]];
  const double others = a_.reunified[i] ? 0.0 : static_cast<double>(a_.household[i] - 1);
  return spec_.behaviour.omega * home_wage_local(i) * others * employment_odds(org) +
         y_home_usd(i) * x_prev(a_.origin[i]);
}

values::Scale Replicate::scale(size_t i) const {
  const auto& b = spec_.behaviour;
  const int o = a_.origin[i];
  const auto& org = lev_.origins[o];
  values::Scale s;
  s.beta = beta_;
  s.x = x_prev(o);
  const double members = a_.reunified[i] ? 1.0 : static_cast<double>(a_.household[i]);
  s.c_other = household_consumption_local(i) - y_home_usd(i) * s.x;
  s.c_sub = org.subsistence * members;
  s.zeta = b.zeta;
  s.gamma = b.gamma;
  s.exit_months = static_cast<int64_t>(months_to_exit(i));
  s.unit = money_unit_[static_cast<size_t>(o)];
  if (static_cast<MigrantType>(a_.mtype[i]) == MigrantType::kTargetEarner) {
    // The kink sits at wealth at departure + T_i (core v2 M2), in the frame of the wealth the
    // options carry: home savings when deciding to leave (phase_decide), the trip's savings
    // abroad once away, with what the trip already added at home counted towards T_i.
    const Status st = a_.st(i);
    const double T_local = a_.target[i];
    if (st == Status::kHome || st == Status::kApplicant) {
      s.kink = (from_minor(a_.home_savings[i]) + T_local) / x_now(o);
    } else {
      const double banked = from_minor(a_.home_savings[i] - a_.trip(i).wealth_base);
      s.kink = std::max(0.0, T_local - std::max(0.0, banked)) / s.x;
    }
    s.kink_k = b.target_kink;
  }
  return s;
}

// u'(c_bar) w_bar of each origin at month 0: c_bar the weighted median of household
// consumption with the agent at home, w_bar the weighted mean home wage (core v2 M0). Fixed
// for the run, so a later shock to wages or prices changes what money buys, not the unit.
void Replicate::set_money_units(const std::vector<size_t>& origin_begin) {
  money_unit_.assign(spec_.origins.size(), 1.0);
  for (size_t o = 0; o < spec_.origins.size(); ++o) {
    std::vector<std::pair<double, double>> c;  // (consumption, weight)
    c.reserve(origin_begin[o + 1] - origin_begin[o]);
    double wsum = 0, wage = 0;
    for (size_t i = origin_begin[o]; i < origin_begin[o + 1]; ++i) {
      c.emplace_back(household_consumption_local(i), a_.weight(i));
      wsum += a_.weight(i);
      wage += a_.weight(i) * home_wage_local(i);
    }
    if (c.empty() || wsum <= 0) continue;
    tbb::parallel_sort(c.begin(), c.end());
    double acc = 0, median = c.back().first;
    for (const auto& [v, w] : c) {
      acc += w;
      if (acc >= 0.5 * wsum) {
        median = v;
        break;
      }
    }
    values::Scale s;
    s.zeta = spec_.behaviour.zeta;
    s.gamma = spec_.behaviour.gamma;
    s.c_sub =
        lev_.origins[o].subsistence * std::max(1.0, std::round(lev_.origins[o].household_size));
    money_unit_[o] = values::marginal_utility(s, median) * (wage / wsum);
  }
}

// kappa_i(d) of core v2 M1 in home-wage months per month abroad:
// (kappa_0 + kappa_fam [household members at home]) exp(-eta d).
double Replicate::home_preference(size_t i, int64_t months_abroad) const {
  const auto& b = spec_.behaviour;
  const bool family = !a_.reunified[i] && a_.household[i] > 1;
  const bool settler = static_cast<MigrantType>(a_.mtype[i]) == MigrantType::kSettler;
  return ((settler ? -b.home_pref : b.home_pref) + (family ? b.home_pref_family : 0.0)) *
         std::exp(-b.home_pref_fade * static_cast<double>(std::max<int64_t>(0, months_abroad)));
}

int64_t Replicate::months_abroad(size_t i) const {
  const Status s = a_.st(i);
  if (s == Status::kHome || s == Status::kApplicant || a_.trip_start[i] < 0) return 0;
  return std::max<int64_t>(0, t_ - a_.trip_start[i]);
}

double Replicate::choice_utility(size_t i, const values::Value& v, const values::Value& v0,
                                 int64_t months_abroad) const {
  const double unit = money_unit_[a_.origin[i]];
  const double b = b_override_ >= 0 ? b_override_ : spec_.behaviour.b_money;
  return b * ((v.u - v0.u) / unit - home_preference(i, months_abroad) * (v.away - v0.away));
}

// V_stay of 4.5 over T months ahead at the irregular employment odds p_irr(m) observed in the
// same calendar month within the last 12 months (as the migration decision's irregular route
// does), with housing, detection and the savings held abroad.
values::Value Replicate::stay_value(size_t i, int d, int64_t T) const {
  const auto& dest = lev_.destinations[d];
  std::array<double, 1200> p;  // only the first T are set and read
  const auto n = static_cast<size_t>(std::clamp<int64_t>(T, 0, 1200));
  for (size_t m = 0; m < n; ++m) p[m] = p_irr_at(d, t_ + 1 + static_cast<int64_t>(m));
  return values::value_stay(scale(i), dest.detection, std::span<const double>(p.data(), n),
                            irregular_wage(d, i), dest.living, dest.housing, y_home_usd(i),
                            from_minor(a_.trip(i).savings_abroad), dest.deportation_loss);
}

Replicate::ExitSplit Replicate::exit_split(size_t i) const {
  ExitSplit e;
  const int ch = a_.channel[i];
  if (a_.st(i) != Status::kAbroadLegal || !w_.is_scheme(ch) || a_.contract_end[i] != t_ + 1)
    return e;
  const int d = w_.channel_destination(ch);
  const int64_t T = std::max<int64_t>(sn_[ch].H, spec_.behaviour.horizon_stay);
  const double y = y_home_usd(i), S = from_minor(a_.trip(i).savings_abroad);
  const values::Scale sc = scale(i);
  values::ReturnTerms t = terms_at_end(i, true);
  const values::Value v_ret = values::value_return(sc, T, y, S, t);
  t.reentry = t.path = 0;
  const values::Value v_bare = values::value_return(sc, T, y, S, t);
  const values::Value v_stay = stay_value(i, d, T);
  const int64_t away = months_abroad(i);
  const double u = choice_utility(i, v_stay, v_ret, away);
  const double u_bare = choice_utility(i, v_stay, v_bare, away);
  const double b = b_override_ >= 0 ? b_override_ : spec_.behaviour.b_money;
  e.kappa = -b * home_preference(i, away) * v_stay.away;
  e.reentry_path = u - u_bare;
  e.money = u_bare - e.kappa;
  e.p_stay = rules::logistic(u);
  return e;
}

double Replicate::debt_usd(size_t i) const {
  return from_minor(a_.total_debt(i)) / x_prev(a_.origin[i]) + from_minor(a_.trip(i).advance);
}

values::ReturnTerms Replicate::terms_at_end(size_t i, bool on_time, int64_t extra_months) const {
  const int s = a_.channel[i];
  if (!w_.is_scheme(s)) return {};
  const auto& sch = lev_.schemes[s];
  values::ReturnTerms t;
  if (on_time) {
    t = return_terms(s, i, contract_terms(s, i), qualifying_months_at_end(i, s) + extra_months,
                     true);
    t.bonus = sch.return_bonus;
    // The compulsory savings and portable social security still to be paid in before an
    // on-time return (the rest of this contract and a renewal's months), paid out with it.
    const double portable = sch.compulsory_savings + sch.social_security * sch.ss_portable;
    const int64_t to_work = std::max<int64_t>(0, a_.contract_end[i] - t_) + extra_months;
    t.balances = static_cast<double>(to_work) * (1.0 - nonpayment_risk(s)) * scheme_wage(s, i) *
                 (1.0 - a_.trip(i).wage_cut) * portable;
  }
  t.balances +=
      from_minor(a_.trip(i).cs_balance) + from_minor(a_.trip(i).ss_balance) * sch.ss_portable;
  return t;
}

// [ext] The monthly chance that a worker on scheme s has its pay withheld (MODEL.md 4.8).
double Replicate::nonpayment_risk(int s) const {
  const auto& sch = lev_.schemes[s];
  double hazard = spec_.behaviour.nonpayment_hazard;
  if (sch.standard_contract) hazard *= spec_.behaviour.protection_factor;
  if (sch.joint_liability) hazard *= spec_.behaviour.protection_factor;
  return hazard;
}

// Whether agent i, abroad at destination d, chooses to stay irregularly over an alternative
// valued v_alt over the same T months ahead (MODEL.md 4.5, core v2 M1: the alternative has
// utility 0, staying b [(V_stay - V_alt) / unit - kappa_i (away_stay - away_alt)]), drawing
// one uniform from r.
bool Replicate::prefers_staying(size_t i, int d, const values::Value& v_alt, int64_t T,
                                Rng& r) const {
  if (spec_.behaviour.irregular_stay_enabled <= 0 && a_.st(i) == Status::kAbroadLegal) {
    r.uniform();  // the draw is made either way
    return false;
  }
  const double u[2] = {0.0, choice_utility(i, stay_value(i, d, T), v_alt, months_abroad(i))};
  return rules::logit_choice(u, r.uniform()) == 1;
}

// The value of leaving now for home over T months (an early return: balances paid, nothing
// else), savings abroad included.
values::Value Replicate::early_return_value(size_t i, int64_t T) const {
  return values::value_return(scale(i), T, y_home_usd(i), from_minor(a_.trip(i).savings_abroad),
                              terms_at_end(i, false));
}

// Utilities at the end of agent i's contract (return 0, the reference; stay irregularly 1;
// renew 2, -1e300 unless `renewal_open`), each valued over T = max(H, H_o) months
// (sim/model/values.hpp) with the savings abroad included in each.
std::array<double, 3> Replicate::contract_end_utilities(size_t i, bool renewal_open) const {
  const auto& b = spec_.behaviour;
  const int ch = a_.channel[i];
  const bool scheme = w_.is_scheme(ch);
  const int d = w_.channel_destination(ch);
  const auto& dest = lev_.destinations[d];
  const int H = scheme ? sn_[ch].H : static_cast<int>(dest.regularised_months);
  const int64_t T = std::max<int64_t>(H, b.horizon_stay);
  const double y = y_home_usd(i), S = from_minor(a_.trip(i).savings_abroad);
  const values::Scale sc = scale(i);
  const values::Value v_ret = values::value_return(sc, T, y, S, terms_at_end(i, true));
  const int64_t away = months_abroad(i);
  std::array<double, 3> u = {
      0.0,
      b.irregular_stay_enabled > 0 ? choice_utility(i, stay_value(i, d, T), v_ret, away) : -1e300,
      -1e300};
  if (renewal_open) {
    const double net = a_.trip(i).net_pay;
    const int64_t more = scheme && sn_[ch].seasonal ? 12 : H;
    const bool me = scheme && lev_.schemes[ch].multiple_entry;
    const bool emp_housing = scheme && lev_.schemes[ch].employer_pays_housing;
    const values::Value v_renew = values::value_work(
        sc, H, T, net, dest.living + (emp_housing ? 0.0 : dest.housing), pemp(scheme ? ch : 0), y,
        S, terms_at_end(i, true, more), 1.0 - 0.5 * me);
    u[2] = choice_utility(i, v_renew, v_ret, away);
  }
  return u;
}

// This month's irregular employment odds at destination d (MODEL.md 4.3).
double Replicate::p_irr_now(int d) const {
  return lev_.destinations[d].p_irr_max * std::min(1.0, dest_U_[d] / std::max(1.0, dest_irr_N_[d]));
}

// Net pay a month for the rest of agent i's contract on its scheme: the paid wage (less any
// substitution cut) after tax and deductions, living and housing (USD).
double Replicate::contract_net_pay(size_t i) const {
  const int s = a_.channel[i];
  const auto& sch = lev_.schemes[s];
  const auto& dest = lev_.destinations[w_.channel_destination(s)];
  const double paid = scheme_wage(s, i) * (1.0 - a_.trip(i).wage_cut);
  return paid * (1.0 - dest.wage_tax - sch.compulsory_savings - sch.social_security) - dest.living -
         (sch.employer_pays_housing ? 0.0 : dest.housing);
}

}  // namespace corridor
