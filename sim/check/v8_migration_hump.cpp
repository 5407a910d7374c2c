// V8 (MODEL.md 1): the migration hump. The emigration rate first rises, then falls with
// household wealth, and a larger network weakens positive selection on skill (McKenzie and
// Rapoport 2007, 2010).
//
// Scenario: origin a of scenarios/legal_channels.toml, whose only channel is a costly
// irregular route (smuggler fee USD 3,000 against a low-band household income of about
// USD 170 a month). Credit constraints bind for the poorest there: the route is feasible
// only if savings plus borrowing cover the fee and, on the part borrowed from the
// moneylender, the instalment exceeds the interest (docs/MODEL.md 4.1), which a household
// with little savings cannot meet. Wealth: the quintiles of home savings among agents at
// home (summary_by_origin/emigration_rate_num and _den, [replicate, origin, quintile, band]:
// departures and crossings over home person-months, quintile at the start of the month).
//
// Network arm: behaviour.b_net doubled (the weight of ln(1 + kappa prev) in every
// channel's utility). A larger network is not obtained by a larger initial stock: the stock
// abroad is set by demand and settles within the burn-in, so the difference would not last
// into the window. b_net (or kappa, which enters the same term) makes the same prevalence
// count for more, which is what a denser network is in this model; it leaves the labour
// market and the costs of the route as they are.
// Positive selection: emigration rate of the high band over that of the low band.
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <stdexcept>

#include "check/support.hpp"

namespace corridor::check {

namespace {
constexpr const char* kFile = "legal_channels.toml";
constexpr const char* kOrigin = "a";

struct Rates {
  std::array<std::vector<double>, 5> by_quintile;  // per replicate
  std::array<std::vector<double>, 3> by_band;
};

Rates emigration(const RunResults& res) {
  const Dataset* num = res.find("summary_by_origin/emigration_rate_num");
  const Dataset* den = res.find("summary_by_origin/emigration_rate_den");
  if (!num || !den || num->shape.size() != 4 || num->shape != den->shape)
    throw std::runtime_error("V8: results lack summary_by_origin/emigration_rate_num/_den");
  const size_t R = num->shape[0], O = num->shape[1], Q = num->shape[2], B = num->shape[3];
  if (Q != 5 || B != 3) throw std::runtime_error("V8: expected 5 quintiles and 3 bands");
  const auto o = static_cast<size_t>(axis_index(res, "origins", kOrigin));
  Rates out;
  for (auto& v : out.by_quintile) v.assign(R, 0.0);
  for (auto& v : out.by_band) v.assign(R, 0.0);
  for (size_t r = 0; r < R; ++r) {
    std::array<double, 5> qn{}, qd{};
    std::array<double, 3> bn{}, bd{};
    for (size_t q = 0; q < Q; ++q)
      for (size_t b = 0; b < B; ++b) {
        const size_t x = ((r * O + o) * Q + q) * B + b;
        qn[q] += num->data[x];
        qd[q] += den->data[x];
        bn[b] += num->data[x];
        bd[b] += den->data[x];
      }
    for (size_t q = 0; q < 5; ++q) out.by_quintile[q][r] = qd[q] > 0 ? qn[q] / qd[q] : NAN;
    for (size_t b = 0; b < 3; ++b) out.by_band[b][r] = bd[b] > 0 ? bn[b] / bd[b] : NAN;
  }
  return out;
}
}  // namespace

Result pattern_v8(const Options& o) {
  Result r;
  r.target =
      "emigration rate rises then falls with household wealth (an interior quintile above "
      "both q1 and q5), and a larger network lowers positive selection on skill (emigration "
      "rate of the high band over the low band) (McKenzie and Rapoport 2007, 2010)";
  // Criterion. Hump: some middle quintile q in {q2, q3, q4} has a higher rate than both q1
  // and q5 in the paired sense, t > 2 for each difference over replicates (the quintiles
  // of one replicate share its draws, so pairing by replicate is the right test; t > 2 is
  // a one-sided test at about 2.5%). Networks: the selection ratio of the network arm is
  // lower than the baseline's with paired t > 2 (same seed and replicates: common random
  // numbers). Both must hold.
  r.criterion =
      "some q in {q2, q3, q4}: paired t(rate_q - rate_q1) > 2 and t(rate_q - rate_q5) > 2; "
      "and paired t(selection_base - selection_network) > 2 with b_net doubled";
  const int reps = replicates(o, 20, 40);
  std::vector<std::string> set = {fmt::format("run.replicates={}", reps)};
  if (o.size == Size::ci) {
    // Same people, fewer agents: origin a 10,000 x 20 -> 5,000 x 40; origin b (its own
    // destination, not measured) 10,000 x 20 -> 500 x 400.
    set.push_back("origins.a.agents=5000");
    set.push_back("origins.a.weight=40");
    set.push_back("origins.b.agents=500");
    set.push_back("origins.b.weight=400");
  }
  const Spec base_spec = load(o, kFile, set);
  const double b_net = base_spec.behaviour.b_net;
  const Rates base = emigration(run(base_spec, o));
  auto net_set = set;
  net_set.push_back(fmt::format("behaviour.b_net={}", 2.0 * b_net));
  const Rates net = emigration(run(load(o, kFile, net_set), o));

  for (size_t q = 0; q < 5; ++q)
    r.figures.push_back(figure(fmt::format("emigration rate, wealth q{}", q + 1),
                               "per home person-month", base.by_quintile[q]));
  bool hump = false;
  for (size_t q = 1; q < 4; ++q) {
    const double t1 = paired_t(base.by_quintile[q], base.by_quintile[0]);
    const double t5 = paired_t(base.by_quintile[q], base.by_quintile[4]);
    r.detail += fmt::format("q{}: paired t vs q1 = {:.2f}, vs q5 = {:.2f}\n", q + 1, t1, t5);
    if (t1 > 2.0 && t5 > 2.0) hump = true;
  }
  const auto sel_base = ratio(base.by_band[2], base.by_band[0]);
  const auto sel_net = ratio(net.by_band[2], net.by_band[0]);
  r.figures.push_back(figure("selection high/low band, baseline", "ratio", sel_base));
  r.figures.push_back(
      figure(fmt::format("selection high/low band, b_net = {}", 2.0 * b_net), "ratio", sel_net));
  r.figures.push_back(figure("selection: baseline - network", "ratio", minus(sel_base, sel_net)));
  const double t_sel = paired_t(sel_base, sel_net);
  const bool weaker = t_sel > 2.0;
  r.detail += fmt::format(
      "emigration rate by band, baseline: low {:.5f}, medium {:.5f}, high {:.5f}; "
      "network arm: low {:.5f}, medium {:.5f}, high {:.5f}\n",
      mean(base.by_band[0]), mean(base.by_band[1]), mean(base.by_band[2]), mean(net.by_band[0]),
      mean(net.by_band[1]), mean(net.by_band[2]));
  r.detail +=
      fmt::format("network arm by quintile: {:.5f}, {:.5f}, {:.5f}, {:.5f}, {:.5f}\n",
                  mean(net.by_quintile[0]), mean(net.by_quintile[1]), mean(net.by_quintile[2]),
                  mean(net.by_quintile[3]), mean(net.by_quintile[4]));
  r.detail +=
      fmt::format("hump (interior peak): {}; selection lower with the network: {} (t = {:.2f})",
                  hump ? "yes" : "no", weaker ? "yes" : "no", t_sel);
  r.pass = hump && weaker;
  return r;
}

}  // namespace corridor::check
