// V6 (MODEL.md 1): as the quota falls from 100% to 20% of demand (quota = x * D0 * 12 /
// contract months), irregular entries, the overstay rate and the irregular share of filled
// jobs rise monotonically.
//
// Scenario: scenarios/legal_channels.toml, corridor b_db (origin b to destination db, one
// farm sector db/agriculture with flat demand D0) with the bilateral scheme b_db_bilateral
// beside an irregular route. Corridor a_da (no legal channel, its own destination) is not
// touched by the sweep. Five arms x in {1.0, 0.8, 0.6, 0.4, 0.2}; D0 and the contract length
// are read from the scenario. Every arm uses the same seed and replicates (common random
// numbers), and every figure is over the window after burn-in (summary/*).
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <stdexcept>

#include "check/support.hpp"

namespace corridor::check {

namespace {
constexpr const char* kFile = "legal_channels.toml";
constexpr const char* kScheme = "b_db_bilateral";
constexpr const char* kRoute = "b_db/irregular";
constexpr const char* kSector = "db/agriculture";
}  // namespace

Result pattern_v6(const Options& o) {
  Result r;
  r.target =
      "as the quota falls from 100% to 20% of demand (x = 1.0, 0.8, 0.6, 0.4, 0.2 of "
      "D0 * 12 / contract months), irregular entries, the overstay rate and the irregular "
      "share of filled jobs rise monotonically (MODEL.md 1, V6)";
  // Criterion. Each of the three measures m is compared between neighbouring arms with the
  // paired t statistic of m(x_next) - m(x) over replicates (common random numbers, so the
  // pairing removes most of the replicate-to-replicate noise). Monotone within noise: no
  // step may fall significantly, t >= -2 (a two-sided 5% test against a fall). Ties are
  // accepted: where the quota does not bind (demand-driven slots V_s below the quota, as
  // near x = 1 when renewals and re-hires keep the sector full), two arms can draw the same
  // numbers and select the same people, so the paired difference is exactly 0 (t = 0); a
  // strict rise would fail a correct model there. The rise itself must be real end to end:
  // m(0.2) - m(1.0) with paired t > 2.
  r.criterion =
      "for each measure, every step x -> next x has paired t >= -2 (no significant fall; "
      "ties where the quota does not bind are allowed) and the end-to-end difference "
      "m(0.2) - m(1.0) has paired t > 2";
  const int reps = replicates(o, 20, 40);
  std::vector<std::string> base = {fmt::format("run.replicates={}", reps)};
  if (o.size == Size::ci) {
    // Same people, fewer agents: origin b 10,000 x 20 -> 2,500 x 80; origin a (its own
    // destination, not measured) 10,000 x 20 -> 500 x 400. Months as the scenario (180,
    // burn-in 60).
    base.push_back("origins.b.agents=2500");
    base.push_back("origins.b.weight=80");
    base.push_back("origins.a.agents=500");
    base.push_back("origins.a.weight=400");
  }
  const Spec spec0 = load(o, kFile, base);
  double d0 = NAN;
  int64_t contract = 0;
  for (const auto& s : spec0.schemes)
    if (s.name == kScheme) contract = s.contract_months;
  for (const auto& d : spec0.destinations)
    if (d.name == "db")
      for (const auto& k : d.sectors)
        if (k.name == "agriculture") d0 = k.demand;
  if (contract <= 0 || std::isnan(d0)) throw std::runtime_error("V6: scenario lacks b_db");

  constexpr std::array<double, 5> xs = {1.0, 0.8, 0.6, 0.4, 0.2};
  std::array<std::vector<double>, 5> entries, overstay, irr_share;
  for (size_t a = 0; a < xs.size(); ++a) {
    auto set = base;
    const double quota = xs[a] * d0 * 12.0 / static_cast<double>(contract);
    set.push_back(fmt::format("schemes.{}.quota={:.1f}", kScheme, quota));
    const RunResults res = run(load(o, kFile, set), o);
    const int route = axis_index(res, "schemes", kRoute);
    const int scheme = axis_index(res, "schemes", kScheme);
    const int sector = axis_index(res, "sectors", kSector);
    entries[a] = per_replicate(res, "summary/irregular_entries", route);
    overstay[a] = ratio(per_replicate(res, "summary/overstay_rate_num", scheme),
                        per_replicate(res, "summary/overstay_rate_den", scheme));
    irr_share[a] = per_replicate(res, "summary_by_sector/irregular_fill_share", sector);
    r.detail += fmt::format(
        "x = {:.1f} (quota {:.0f} a year): irregular entries {:.0f} (sd {:.0f}), overstay rate "
        "{:.4f} (sd {:.4f}), irregular fill share {:.4f} (sd {:.4f})\n",
        xs[a], quota, mean(entries[a]), sd(entries[a]), mean(overstay[a]), sd(overstay[a]),
        mean(irr_share[a]), sd(irr_share[a]));
  }
  bool pass = true;
  const auto judge = [&](const char* name, const char* units,
                         const std::array<std::vector<double>, 5>& m) {
    r.figures.push_back(figure(fmt::format("{}, x = 1.0", name), units, m.front()));
    r.figures.push_back(figure(fmt::format("{}, x = 0.2", name), units, m.back()));
    r.figures.push_back(
        figure(fmt::format("{}: rise 1.0 -> 0.2", name), units, minus(m.back(), m.front())));
    std::string steps;
    for (size_t a = 0; a + 1 < m.size(); ++a) {
      const double t = paired_t(m[a + 1], m[a]);
      steps += fmt::format("{}{:.2f}", a ? ", " : "", t);
      if (!(t >= -2.0)) pass = false;
    }
    const double t_end = paired_t(m.back(), m.front());
    if (!(t_end > 2.0)) pass = false;
    r.detail +=
        fmt::format("{}: step paired t (1.0->0.8, ..., 0.4->0.2) = {}; end-to-end t = {:.2f}\n",
                    name, steps, t_end);
  };
  judge("irregular entries (b_db)", "people", entries);
  judge("overstay rate (b_db_bilateral)", "share", overstay);
  judge("irregular fill share (db/agriculture)", "share", irr_share);
  r.pass = pass;
  return r;
}

}  // namespace corridor::check
