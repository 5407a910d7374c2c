// Every scenario shipped under scenarios/ (pilots included) validates and runs: the menu a
// policy modeller picks from must never hold a broken file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"

namespace corridor {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> shipped() {
  std::vector<std::string> files;
  const fs::path dir = fs::path(CORRIDOR_SOURCE_DIR) / "scenarios";
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".toml")
      files.push_back(fs::relative(e.path(), dir).string());
  std::sort(files.begin(), files.end());
  return files;
}

class ShippedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedScenario, ValidatesAndRuns) {
  const fs::path path = fs::path(CORRIDOR_SOURCE_DIR) / "scenarios" / GetParam();
  LoadResult loaded = load_scenario(path.string());
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  ASSERT_TRUE(loaded.ok());
  Spec spec = *loaded.spec;
  EXPECT_NE(spec.run.name, "unnamed") << "a shipped scenario names itself";
  // A short run of every scheme and timeline: the months up to the last timeline event and
  // two years past it, one replicate, a tenth of the agents.
  int64_t last_event = 0;
  for (const auto& e : spec.timeline) last_event = std::max(last_event, e.month);
  spec.run.months = std::min(spec.run.months, last_event + 24);
  spec.run.burn_in = std::min(spec.run.burn_in, spec.run.months - 1);
  spec.run.replicates = 1;
  for (auto& o : spec.origins) {
    o.agents = std::max<int64_t>(50, o.agents / 10);
    for (auto& st : o.strata)
      if (st.agents > 0) st.agents = std::max<int64_t>(50, st.agents / 10);
  }
  RunOptions options;
  options.threads = 1;
  const RunResults r = run_simulation(spec, options);
  const Dataset* deployments = r.find("timeseries/deployments");
  ASSERT_NE(deployments, nullptr);
  double sum = 0;
  for (double x : deployments->data) {
    ASSERT_TRUE(std::isfinite(x));
    sum += x;
  }
  EXPECT_GE(sum, 0.0);
  // Every share is a share: summaries in units "share" lie in [0, 1] (or are undefined).
  for (const auto& d : r.datasets) {
    if (d.path.rfind("summary/", 0) != 0 || d.units != "share") continue;
    if (d.path.ends_with("_num") || d.path.ends_with("_den")) continue;  // counts
    for (double x : d.data)
      if (!std::isnan(x)) {
        EXPECT_GE(x, 0.0) << d.path;
        EXPECT_LE(x, 1.0) << d.path;
      }
  }
}

std::string file_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Menu, ShippedScenario, ::testing::ValuesIn(shipped()), file_name);

TEST(ShippedScenarios, EveryRealSchemeOfTheIssueIsThere) {
  const auto files = shipped();
  for (const char* f : {"philippines.toml", "canada_seasonal.toml", "spain_bilateral.toml",
                        "mauritius_circular.toml", "mauritius_baseline.toml", "sri_lanka.toml",
                        "legal_channels.toml", "open_irregular.toml", "pilots/ph_hsw_reform.toml",
                        "pilots/ph_fx_shock.toml", "pilots/lk_no_loans.toml"})
    EXPECT_NE(std::find(files.begin(), files.end(), f), files.end()) << f;
}

}  // namespace
}  // namespace corridor
