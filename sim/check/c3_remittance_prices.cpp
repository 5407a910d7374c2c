// C3 (MODEL.md 1): remittance prices for USD 200 by channel kind, an input check. Every
// bank, MTO and digital channel of every scenario under scenarios/ (pilots included) is
// priced for a USD 200 transfer, (fixed + (pct + fx margin) x 200) / 200, and compared with
// the World Bank's Remittance Prices Worldwide averages for Q3 2023: bank 11.48%
// (rpw_banks_2023q3), MTO 6.29% (rpw_mto_2023q3), digital 4.84% (rpw_digital_2023q3).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "check/support.hpp"

#ifndef CORRIDOR_SCENARIOS_DIR
#define CORRIDOR_SCENARIOS_DIR "scenarios"
#endif

namespace corridor::check {

Result pattern_c3(const Options& o) {
  namespace fs = std::filesystem;
  Result r;
  r.target =
      "price of USD 200 by channel kind: bank 11.48% (rpw_banks_2023q3), MTO 6.29% "
      "(rpw_mto_2023q3), digital 4.84% (rpw_digital_2023q3)";
  // Corridor prices differ from the global average (the receiving-region averages run from
  // 5.44%, rpw_south_asia_2023q3, to 7.39%, rpw_ssa_2023q3: two points apart), so a single
  // channel may sit up to 2 points from its kind's average; the mean over the channels of a
  // kind must sit within 1 point, so that scenarios are not all biased one way.
  r.criterion =
      "every bank/MTO/digital channel of every scenario within 2 percentage points of its "
      "kind's RPW average (the spread of receiving-region averages), and each kind's mean "
      "within 1 point";
  const std::map<std::string, double> target = {
      {"bank", 0.1148}, {"mto", 0.0629}, {"digital", 0.0484}};
  std::map<std::string, std::vector<double>> prices;
  const fs::path dir = o.scenarios_dir.empty() ? CORRIDOR_SCENARIOS_DIR : o.scenarios_dir;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  bool pass = !files.empty();
  int channels = 0;
  for (const auto& f : files) {
    Options here = o;
    here.scenarios_dir = f.parent_path().string();
    const Spec spec = load(here, f.filename().string());
    for (const auto& c : spec.corridors)
      for (const auto& ch : c.channels) {
        auto t = target.find(ch.kind);
        if (t == target.end()) continue;
        const double price = (ch.fixed_fee + (ch.pct_fee + ch.fx_margin) * 200.0) / 200.0;
        prices[ch.kind].push_back(price);
        ++channels;
        if (std::fabs(price - t->second) > 0.02) {
          pass = false;
          r.detail +=
              fmt::format("{}: corridor {} channel {} ({}) costs {:.2f}% of USD 200\n",
                          fs::relative(f, dir).string(), c.name, ch.name, ch.kind, 100 * price);
        }
      }
  }
  for (const auto& [kind, t] : target) {
    const auto& v = prices[kind];
    Figure fig = figure("price of USD 200, " + kind + " channels", "share of amount", v);
    if (v.empty() || std::fabs(fig.mean - t) > 0.01) pass = false;
    r.figures.push_back(fig);
  }
  r.detail += fmt::format(
      "{} channels in {} scenario files; n is the number of channels, sd "
      "their spread",
      channels, files.size());
  r.pass = pass;
  return r;
}

}  // namespace corridor::check
