// The day-one check (core v2, "Day one"): each arm is a scenario with overrides, simulated
// for 84 months at about 10,000 agents (its origins' agents scaled down, weights up), so that
// re-hire and re-selection rates have a history, and then for 12 more; after each of those months
// every legal worker on the arm's scheme whose contract ends next month is asked the stay-or-return
// question through Replicate::exit_split, the same functions the contract end uses (renewal left
// out). The mean chance of staying is the arm's predicted non-return at a contract end, with its
// log-odds split into money, re-entry and residence path, and location preference.
#include "check/day_one.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "check/support.hpp"
#include "engine/replicate.hpp"
#include "engine/world.hpp"

namespace corridor::check {

namespace {

struct Arm {
  const char* label;
  const char* file;
  const char* scheme;
  std::vector<std::string> overrides;
};

struct Prediction {
  double p_stay = 0, money = 0, reentry_path = 0, kappa = 0, n = 0;
  double log_odds() const { return money + reentry_path + kappa; }
};

const std::vector<Arm>& arms() {
  static const std::vector<Arm> a = {
      {"V1 scheme", "canada_seasonal.toml", "gt_ca_seasonal", {}},
      {"V1 contrast", "pilots/ca_gt_no_reentry_year_round.toml", "gt_ca_seasonal", {}},
      {"V5 none",
       "spain_bilateral.toml",
       "ma_es_anapec",
       {"schemes.ma_es_anapec.assured_reentry=false", "schemes.ma_es_anapec.residence_years=0"}},
      {"V5 re-entry",
       "spain_bilateral.toml",
       "ma_es_anapec",
       {"schemes.ma_es_anapec.assured_reentry=true", "schemes.ma_es_anapec.residence_years=0"}},
      {"V5 path",
       "spain_bilateral.toml",
       "ma_es_anapec",
       {"schemes.ma_es_anapec.assured_reentry=false", "schemes.ma_es_anapec.residence_years=4"}},
      {"V7 base", "philippines.toml", "ph_sa_other", {}},
      {"V7 peso +10%", "philippines.toml", "ph_sa_other", {"origins.ph.e_index=1.1"}},
      {"6-month contracts",
       "spain_bilateral.toml",
       "ma_es_anapec",
       {"schemes.ma_es_anapec.assured_reentry=false", "schemes.ma_es_anapec.residence_years=0",
        "schemes.ma_es_anapec.contract_months=6"}},
      {"24-month contracts",
       "spain_bilateral.toml",
       "ma_es_anapec",
       {"schemes.ma_es_anapec.assured_reentry=false", "schemes.ma_es_anapec.residence_years=0",
        "schemes.ma_es_anapec.contract_months=24"}},
  };
  return a;
}

// Scales every origin (and stratum) down to about `target` agents in all, weights up.
void shrink_to(Spec& spec, double target) {
  double total = 0;
  for (const auto& origin : spec.origins) {
    if (origin.strata.empty()) total += static_cast<double>(origin.agents);
    for (const auto& st : origin.strata) total += static_cast<double>(st.agents);
  }
  const double f = total / target;
  if (f <= 1.0) return;
  for (auto& origin : spec.origins) {
    const auto before = static_cast<double>(origin.agents);
    origin.agents = std::max<int64_t>(1, std::llround(before / f));
    origin.weight *= before / static_cast<double>(origin.agents);
    for (auto& st : origin.strata) {
      if (st.agents == 0) continue;
      const auto b = static_cast<double>(st.agents);
      st.agents = std::max<int64_t>(1, std::llround(b / f));
      st.weight *= b / static_cast<double>(st.agents);
    }
  }
}

Prediction predict(const Options& o, const Arm& arm, const std::vector<std::string>& grid) {
  std::vector<std::string> ov = arm.overrides;
  ov.insert(ov.end(), grid.begin(), grid.end());
  Spec spec = load(o, arm.file, ov);
  shrink_to(spec, 10000.0);
  const World world = build_world(spec);
  int scheme = -1;
  for (size_t s = 0; s < spec.schemes.size(); ++s)
    if (spec.schemes[s].name == arm.scheme) scheme = static_cast<int>(s);
  if (scheme < 0) throw std::runtime_error(fmt::format("{}: no scheme {}", arm.file, arm.scheme));
  Replicate r(spec, world, 0);
  r.initialise();
  Prediction p;
  for (int64_t t = 0; t < 96; ++t) {
    r.step(t);
    if (t < 83) continue;
    for (size_t i = 0; i < r.agents().size(); ++i) {
      if (r.agents().channel[i] != scheme) continue;
      const auto e = r.exit_split(i);
      if (e.p_stay < 0) continue;
      p.p_stay += e.p_stay;
      p.money += e.money;
      p.reentry_path += e.reentry_path;
      p.kappa += e.kappa;
      p.n += 1;
    }
  }
  if (p.n > 0) {
    p.p_stay /= p.n;
    p.money /= p.n;
    p.reentry_path /= p.n;
    p.kappa /= p.n;
  }
  return p;
}

}  // namespace

std::string day_one(const Options& o, const std::function<void(const std::string&)>& log,
                    bool* failed) {
  // b's band (C0: elasticity 0.5 to 0.9) around the default; rho, H_o and kappa_fam swept.
  const double b_centre = Behaviour{}.b_money;
  const std::vector<double> bs = {0.095, b_centre, 0.13}, rhos = {0.005, 0.01, 0.02};
  const std::vector<int> hos = {12, 24, 60};
  const std::vector<double> kfams = {0.0, 0.3, 0.6};
  std::string out =
      "| b | rho | H_o | kappa_fam | V1 scheme | V1 contrast | V5 none | V5 re-entry | V5 path | "
      "V7 base | V7 peso +10% | 6-month | 24-month | 6-month per worker-year | 24-month per "
      "worker-year |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  std::vector<std::string> flips;
  bool centre_high = false, contrast_vanishes = false;
  std::vector<std::pair<std::string, double>> levers;  // centre: change in log-odds
  std::string split =
      "| arm | agents asked | P(stay) | money | re-entry and path | location preference | "
      "log-odds |\n|---|---|---|---|---|---|---|\n";
  for (double b : bs)
    for (double rho : rhos)
      for (int ho : hos)
        for (double kf : kfams) {
          const std::vector<std::string> grid = {fmt::format("behaviour.b_money={}", b),
                                                 fmt::format("behaviour.rho={}", rho),
                                                 fmt::format("behaviour.horizon_stay={}", ho),
                                                 fmt::format("behaviour.home_pref_family={}", kf)};
          std::vector<Prediction> p;
          for (const auto& arm : arms()) p.push_back(predict(o, arm, grid));
          log(fmt::format("b {} rho {} H_o {} kappa_fam {}: V1 {:.4f}%", b, rho, ho, kf,
                          100 * p[0].p_stay));
          out += fmt::format("| {} | {} | {} | {} |", b, rho, ho, kf);
          for (const auto& x : p) out += fmt::format(" {:.3f}% |", 100 * x.p_stay);
          out += fmt::format(" {:.3f}% | {:.3f}% |\n", 100 * p[7].p_stay * 12 / 6,
                             100 * p[8].p_stay * 12 / 24);
          const bool centre = b == b_centre && rho == 0.01 && ho == 24 && kf == 0.3;
          const std::string at = fmt::format("b {} rho {} H_o {} kappa_fam {}", b, rho, ho, kf);
          if (p[0].p_stay > 0.0046) flips.push_back("V1 above 0.46% at " + at);
          if (p[1].p_stay <= p[0].p_stay) {
            flips.push_back("V1 contrast not above the scheme at " + at);
            if (kf == 0.0) contrast_vanishes = true;
          }
          if (p[3].p_stay >= p[2].p_stay) flips.push_back("V5 re-entry not below none at " + at);
          if (p[4].p_stay >= p[2].p_stay) flips.push_back("V5 path not below none at " + at);
          if (p[6].p_stay <= p[5].p_stay)
            flips.push_back("V7 peso gain does not raise staying at " + at);
          if (centre) {
            centre_high = p[0].p_stay > 0.003;
            const char* names[] = {"V1 scheme", "V1 contrast",  "V5 none", "V5 re-entry", "V5 path",
                                   "V7 base",   "V7 peso +10%", "6-month", "24-month"};
            for (size_t k = 0; k < p.size(); ++k)
              split +=
                  fmt::format("| {} | {:.0f} | {:.4f}% | {:.3f} | {:.3f} | {:.3f} | {:.3f} |\n",
                              names[k], p[k].n, 100 * p[k].p_stay, p[k].money, p[k].reentry_path,
                              p[k].kappa, p[k].log_odds());
            levers = {{"assured re-entry, seasonal (V1 contrast - scheme)",
                       p[1].log_odds() - p[0].log_odds()},
                      {"assured re-entry (V5 none - re-entry)", p[2].log_odds() - p[3].log_odds()},
                      {"residence path (V5 none - path)", p[2].log_odds() - p[4].log_odds()},
                      {"peso +10% (V7 peso - base)", p[6].log_odds() - p[5].log_odds()},
                      {"contract length (24 - 6 months)", p[8].log_odds() - p[7].log_odds()}};
          }
        }
  std::string verdict = fmt::format(
                            "\nAt the centre (b {}, rho 0.01, H_o 24, kappa_fam 0.3), the mean "
                            "log-odds of staying over returning and its parts:\n\n",
                            b_centre) +
                        split +
                        "\nLevers at the centre, change in the mean log-odds of staying:\n\n";
  bool small_lever = false;
  for (const auto& [name, d] : levers) {
    verdict += fmt::format("- {}: {:+.3f}\n", name, d);
    if (std::fabs(d) < 0.2) small_lever = true;
  }
  verdict += "\nFailure conditions (core v2, Day one):\n\n";
  verdict += fmt::format("- non-return above 0.3% at the centre: {}\n", centre_high ? "MET" : "no");
  verdict += fmt::format("- a verdict flips inside the grid: {}\n",
                         flips.empty() ? "no" : fmt::format("MET ({} cases)", flips.size()));
  for (size_t k = 0; k < flips.size() && k < 12; ++k) verdict += "  - " + flips[k] + "\n";
  verdict += fmt::format("- the V1 contrast vanishes at kappa_fam = 0: {}\n",
                         contrast_vanishes ? "MET" : "no");
  verdict += fmt::format("- a lever moves the log-odds by less than 0.2: {}\n",
                         small_lever ? "MET" : "no");
  if (failed) *failed = centre_high || !flips.empty() || contrast_vanishes || small_lever;
  return out + verdict;
}

}  // namespace corridor::check
