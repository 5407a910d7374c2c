// What agents abroad weigh when they choose (MODEL.md 4.5, core v2 M1): the engine gathers
// the inputs of the value functions of sim/model/values.hpp for one agent (staying
// irregularly, what an on-time or early return brings, the contract's net pay) and the
// staying choice shared by job searchers, absconders and irregular migrants.
#include <algorithm>
#include <array>
#include <cmath>

#include "engine/replicate.hpp"
#include "model/values.hpp"

namespace corridor {

// V_stay of 4.5 (USD) over T months ahead, month m at the irregular employment odds p_irr(m)
// observed in the same calendar month within the last 12 months (as the migration
// decision's irregular route does), with housing, detection and the savings held abroad.
double Replicate::stay_value(size_t i, int d, int64_t T) const {
  const auto& dest = lev_.destinations[d];
  std::array<double, 1200> p;  // only the first T are set and read
  const auto n = static_cast<size_t>(std::clamp<int64_t>(T, 0, 1200));
  for (size_t m = 0; m < n; ++m) p[m] = p_irr_at(d, t_ + 1 + static_cast<int64_t>(m));
  return values::value_stay(beta_, dest.detection, std::span<const double>(p.data(), n),
                            irregular_wage(d, i), dest.living, dest.housing, y_home_usd(i),
                            from_minor(a_.trip(i).savings_abroad), dest.deportation_loss);
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
// worth v_alt (USD, savings abroad included) over T months ahead (MODEL.md 4.5: U_ret = 0,
// U_irr = a0 + b_gain (V_stay - V_alt) / w_home - b_away H_o / 12 + b_debt debt / w_home -
// theta), drawing one uniform from r.
bool Replicate::prefers_staying(size_t i, int d, double v_alt, int64_t T, Rng& r) const {
  const auto& b = spec_.behaviour;
  const double w_home = std::max(1e-9, home_wage_usd(i));
  const double v_stay = stay_value(i, d, T);
  const double u[2] = {0.0, b.a0 + b.b_gain * (v_stay - v_alt) / w_home -
                                b.b_away * static_cast<double>(b.horizon_stay) / 12.0 +
                                b.b_debt * debt_usd(i) / w_home - a_.theta[i]};
  return rules::logit_choice(u, r.uniform()) == 1;
}

// The value of leaving now for home (an early return: balances paid, nothing else), over
// the horizon H_o, savings abroad included.
double Replicate::early_return_value(size_t i) const {
  return values::value_return_with_savings(beta_, spec_.behaviour.horizon_stay, y_home_usd(i),
                                           from_minor(a_.trip(i).savings_abroad),
                                           terms_at_end(i, false));
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
