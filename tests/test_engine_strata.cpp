// Entrants who replace agents reaching the exit age keep the stratum of their slot (sex,
// bands, weight): a men-only stratum stays men-only for the whole run.
#include <gtest/gtest.h>

#include "engine/simulation.hpp"
#include "engine_test_support.hpp"
#include "input/scenario_loader.hpp"

namespace corridor {
namespace {

TEST(Strata, EntrantsKeepTheirSlotsSexAndBands) {
  // The default world with the Philippines reduced to one stratum of men aged 60-64 in the
  // low band: all of them reach the exit age (65) within five years and are replaced.
  const std::string text = R"(base = "../scenarios/default.toml"
[run]
months = 96
burn_in = 0
replicates = 2

[origins.ph]
age_min_years = 60
age_max_years = 64

[[origins.ph.strata]]
agents = 2000
weight = 10.0
sex = "male"
bands = ["low"]
)";
  LoadResult loaded =
      load_scenario_text(text, std::string(CORRIDOR_SOURCE_DIR) + "/tests/strata_fixture.toml");
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  ASSERT_TRUE(loaded.ok());
  const RunResults r = run_simulation(*loaded.spec);
  const Dataset* entries = r.find("timeseries/entries");
  ASSERT_NE(entries, nullptr);
  double entered = 0;
  for (double x : entries->data) entered += x;
  EXPECT_GT(entered, 1000.0) << "the men reach the exit age and are replaced";
  // Women and medium or high band workers would show up in the Philippine schemes' records:
  // female participants [replicate, month, schemes, sex] with sex 0 = female.
  const Dataset* part = r.find("timeseries/applications");
  ASSERT_NE(part, nullptr);
  const size_t C = part->shape[2];
  const int dom = test_support::channel_index(r, "ph_sa_domestic");
  const int other = test_support::channel_index(r, "ph_sa_other");
  double women = 0, men = 0;
  for (size_t rep = 0; rep < part->shape[0]; ++rep)
    for (size_t m = 0; m < part->shape[1]; ++m)
      for (int ch : {dom, other}) {
        const size_t base = ((rep * part->shape[1] + m) * C + static_cast<size_t>(ch)) * 2;
        women += part->data[base];
        men += part->data[base + 1];
      }
  EXPECT_GT(men, 0.0) << "the men apply";
  EXPECT_EQ(women, 0.0) << "no woman ever enters a men-only stratum";
}

}  // namespace
}  // namespace corridor
