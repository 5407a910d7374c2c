// Business and accounting (issue 11, item 6): a business is financed by the return that
// brought its capital and credited to that trip's channel; it ages wherever its owner is;
// survivors are recorded in their start month, so the survival share is a share and no
// timeseries depends on the burn-in.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "engine_test_support.hpp"
#include "input/scenario_loader.hpp"

namespace corridor {
namespace {

const std::string kDefault = std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/default.toml";

Spec load_default(std::vector<std::string> overrides) {
  std::vector<std::string> all = {"origins.ph.agents=3000", "origins.mx.agents=1500",
                                  "origins.ma.agents=1500", "run.months=96", "run.burn_in=12",
                                  "run.replicates=1",
                                  // Businesses start often enough to be seen at this size.
                                  "behaviour.g0=-1.5", "behaviour.business_threshold_months=2"};
  all.insert(all.end(), overrides.begin(), overrides.end());
  auto loaded = load_scenario(kDefault, all);
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  return *loaded.spec;
}

TEST(BusinessAccounting, TimeseriesDoNotDependOnTheBurnIn) {
  RunOptions options;
  const RunResults a = run_simulation(load_default({"run.burn_in=12"}), options);
  const RunResults b = run_simulation(load_default({"run.burn_in=48"}), options);
  int compared = 0;
  for (const auto& d : a.datasets) {
    if (d.path.rfind("timeseries", 0) != 0) continue;
    const Dataset* other = b.find(d.path);
    ASSERT_NE(other, nullptr) << d.path;
    ASSERT_EQ(d.data.size(), other->data.size()) << d.path;
    for (size_t x = 0; x < d.data.size(); ++x)
      if (!(d.data[x] == other->data[x] || (std::isnan(d.data[x]) && std::isnan(other->data[x]))))
        FAIL() << d.path << " differs at " << x << ": " << d.data[x] << " vs " << other->data[x];
    ++compared;
  }
  EXPECT_GT(compared, 50);
  test_support::Series survivors(a, "business_survivors_12m");
  EXPECT_GT(survivors.total(), 0.0) << "the test needs businesses that survive a year";
}

TEST(BusinessAccounting, SurvivalIsAShareOfTheSameMonthsStarts) {
  const RunResults r = run_simulation(load_default({}), RunOptions{});
  const Dataset* num = r.find("summary/business_survival_12m_num");
  const Dataset* den = r.find("summary/business_survival_12m_den");
  ASSERT_TRUE(num && den);
  double n = 0, d = 0;
  for (size_t x = 0; x < num->data.size(); ++x) {
    EXPECT_LE(num->data[x], den->data[x]) << x;
    n += num->data[x];
    d += den->data[x];
  }
  EXPECT_GT(d, 0.0);
  // About a year of the monthly failure hazard 0.007 (less the owners who exit).
  EXPECT_GT(n / d, 0.8);
  EXPECT_LT(n / d, 1.0);
}

// Only the Moroccan bilateral scheme pays a grant, and the capital threshold (1,000 months of
// home income) is out of reach of trip savings: every business is financed by that scheme's
// grant and credited to it, whatever the household held before.
TEST(BusinessAccounting, StartsAreCreditedToTheTripThatFinancedThem) {
  const Spec spec = load_default({"behaviour.business_threshold_months=1000",
                                  "schemes.ma_es_bilateral.business_grant=10000000000",
                                  "origins.ma.savings_median_months=1000"});
  const RunResults r = run_simulation(spec, RunOptions{});
  const int ma = test_support::channel_index(r, "ma_es_bilateral");
  test_support::Series starts(r, "business_starts");
  EXPECT_GT(starts.total(ma), 0.0);
  EXPECT_EQ(starts.total(), starts.total(ma));
}

}  // namespace
}  // namespace corridor
