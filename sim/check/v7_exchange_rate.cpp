// V7 (MODEL.md 1): a 10% favourable shock to the origin's exchange rate lowers
// return_rate_12m by about 1.4 percentage points and raises remittances (lit_yang_fx_return:
// Yang 2006, 2008); target earners push the other way, so the size depends on their share.
//
// Arms: scenarios/philippines.toml and scenarios/pilots/ph_fx_shock.toml (origins.ph.e_index
// 1 -> 1.1 from the pilot's timeline month; more pesos per dollar), with the same seed and
// replicates (common random numbers), at the scenario's target_share and at target_share = 0 and
// target_share = 0.4. Measured on the Philippine channels only (schemes on corridors from the
// Philippines and their irregular routes), from the shock month on:
//  - return_rate_12m: of legal Philippine migrants abroad at the end of month t_s, the share
//    home within 12 months, t_s in [shock, months - 12) (timeseries/return_12m_num over
//    timeseries/return_12m_den);
//  - remittances received by households in pesos (Yang 2008 measures remittances received),
//    months [shock, months); the US dollars sent are reported too.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "check/support.hpp"

namespace corridor::check {

namespace {

constexpr const char* kBase = "philippines.toml";
constexpr const char* kShock = "pilots/ph_fx_shock.toml";
constexpr const char* kOrigin = "ph";
constexpr double kYang = -0.014;  // lit_yang_fx_return

struct Arm {
  std::vector<double> ret_num, ret_den, received, sent;
};

std::vector<double> add(std::vector<double> a, const std::vector<double>& b) {
  if (a.empty()) return b;
  for (size_t k = 0; k < a.size(); ++k) a[k] += b[k];
  return a;
}

}  // namespace

Result pattern_v7(const Options& o) {
  Result r;
  const int reps = replicates(o, 20, 40);
  // CI: fewer agents at the scenario's weights (a smaller population facing the same
  // demand; return and remittance decisions are per migrant) and 48 months after the
  // shock; full size: the scenario's agents and months.
  const long long months = by_size(o, 120, 180);
  const long long female = by_size(o, 2200, 24000), male = by_size(o, 700, 8000);
  const long long other = by_size(o, 500, 12000);

  // Which channels are Philippine, and the shock month (the pilot's first timeline event).
  const Spec shock_spec = load(o, kShock);
  int shock = static_cast<int>(months);
  for (const auto& e : shock_spec.timeline) shock = std::min(shock, static_cast<int>(e.month));
  const double tau_scenario = shock_spec.behaviour.target_share;
  std::vector<std::string> legal, routes;
  for (const auto& c : shock_spec.corridors) {
    if (c.origin != kOrigin) continue;
    for (const auto& s : shock_spec.schemes)
      if (s.corridor == c.name) legal.push_back(s.name);
    if (c.irregular.exists) routes.push_back(c.name + "/irregular");
  }

  auto run_arm = [&](const char* file, double tau) {
    Spec spec = load(o, file,
                     {fmt::format("run.replicates={}", reps), fmt::format("run.months={}", months),
                      fmt::format("behaviour.target_share={}", tau),
                      fmt::format("origins.other_asia.agents={}", other)});
    set_strata_agents(spec, female, male);
    const RunResults res = run(spec, o);
    Arm a;
    const int end_ret = static_cast<int>(months) - 12;
    for (const auto& s : legal) {
      const int i = axis_index(res, "schemes", s);
      a.ret_num = add(a.ret_num, window_sum(res, "timeseries/return_12m_num", shock, end_ret, i));
      a.ret_den = add(a.ret_den, window_sum(res, "timeseries/return_12m_den", shock, end_ret, i));
    }
    std::vector<std::string> all = legal;
    all.insert(all.end(), routes.begin(), routes.end());
    for (const auto& s : all) {
      const int i = axis_index(res, "schemes", s);
      const int m = static_cast<int>(months);
      a.received = add(a.received, window_sum(res, "timeseries/remittances_received", shock, m, i));
      a.sent = add(a.sent, window_sum(res, "timeseries/remittances_sent", shock, m, i));
    }
    return a;
  };

  struct Effect {
    double tau;
    std::vector<double> d_return, rel_received, rel_sent;
    double t_return, t_received;
  };
  auto effect = [&](double tau) {
    const Arm b = run_arm(kBase, tau), s = run_arm(kShock, tau);
    Effect e;
    e.tau = tau;
    const auto rb = ratio(b.ret_num, b.ret_den), rs = ratio(s.ret_num, s.ret_den);
    e.d_return = minus(rs, rb);
    e.t_return = paired_t(rs, rb);
    e.rel_received = minus(ratio(s.received, b.received), std::vector<double>(reps, 1.0));
    e.rel_sent = minus(ratio(s.sent, b.sent), std::vector<double>(reps, 1.0));
    e.t_received = paired_t(s.received, b.received);
    return e;
  };
  const Effect main = effect(tau_scenario);
  const Effect t0 = effect(0.0), t1 = effect(0.4);

  r.target =
      "a 10% favourable exchange-rate shock lowers return_rate_12m by about 1.4 percentage "
      "points (lit_yang_fx_return = -0.014) and raises remittances (Yang 2008); target earners "
      "push the other way, so the size depends on their share";
  // Criterion. Sign and significance: paired over replicates with common random numbers,
  // t < -2 for the return rate and t > 2 for remittances received (one-sided, about 2.5%
  // at 20 replicates). Size: lit_yang_fx_return is one study's point estimate for a
  // different population (all Philippine overseas workers in 1997-98, not the contract
  // schemes of this scenario), and no parameter was fitted to it, so the test asks for
  // agreement within a factor of 2: an effect at the scenario's target_share between -0.028 and
  // -0.007.
  r.criterion = fmt::format(
      "at the scenario's target_share ({}): change in return_rate_12m < 0 with paired t < -2 and "
      "within a "
      "factor of 2 of -0.014 (-0.028 to -0.007); remittances received (pesos) rise with paired "
      "t > 2",
      tau_scenario);
  r.figures.push_back(
      figure(fmt::format("change in return_rate_12m, target_share = {}", tau_scenario), "share",
             main.d_return));
  r.figures.push_back(figure("change in return_rate_12m, target_share = 0", "share", t0.d_return));
  r.figures.push_back(
      figure("change in return_rate_12m, target_share = 0.4", "share", t1.d_return));
  r.figures.push_back(figure(
      fmt::format("relative change in remittances received, target_share = {}", tau_scenario),
      "share (pesos)", main.rel_received));
  r.figures.push_back(
      figure(fmt::format("relative change in remittances sent, target_share = {}", tau_scenario),
             "share (USD)", main.rel_sent));
  const double m = mean(main.d_return);
  r.pass = main.t_return < -2.0 && m <= 0.5 * kYang && m >= 2.0 * kYang && main.t_received > 2.0;
  r.detail = fmt::format(
      "paired t, return rate: target_share = {} {:.2f}, target_share = 0 {:.2f}, target_share = "
      "0.4 {:.2f}\n"
      "paired t, remittances received: target_share = {} {:.2f}, target_share = 0 {:.2f}, "
      "target_share = 0.4 {:.2f}\n"
      "relative change in remittances received: target_share = 0 {:+.4f}, target_share = 0.4 "
      "{:+.4f}; sent (USD): "
      "target_share = 0 {:+.4f}, target_share = 0.4 {:+.4f}\n"
      "shock at month {} ({}), t_s in [{}, {}), {} replicates per arm, months {}",
      tau_scenario, main.t_return, t0.t_return, t1.t_return, tau_scenario, main.t_received,
      t0.t_received, t1.t_received, mean(t0.rel_received), mean(t1.rel_received), mean(t0.rel_sent),
      mean(t1.rel_sent), shock, kShock, shock, months - 12, reps, months);
  return r;
}

}  // namespace corridor::check
