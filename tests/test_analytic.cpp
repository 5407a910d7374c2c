// Analytic checks of MODEL.md 7 that need a test mode: Harris-Todaro against mean-field
// values, and the target saver's return month.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "engine/harris_todaro.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"

namespace corridor {
namespace {

struct HtCase {
  double b_gain, lambda, expected;
};

class HarrisTodaro : public ::testing::TestWithParam<HtCase> {};

TEST_P(HarrisTodaro, MatchesMeanFieldWithinOnePercent) {
  HarrisTodaroCase c;
  c.b_gain = GetParam().b_gain;
  c.lambda = GetParam().lambda;
  // The spec's expected values are the mean-field roots: check our solver gives them.
  EXPECT_NEAR(harris_todaro_mean_field(c), GetParam().expected, 5e-5);
  const double simulated = harris_todaro_ratio(c);
  std::printf("[harris-todaro] b_gain %g lambda %g: simulated E/N_d %.4f, mean field %.4f\n",
              c.b_gain, c.lambda, simulated, GetParam().expected);
  EXPECT_NEAR(simulated, GetParam().expected, 0.01 * GetParam().expected)
      << "b_gain " << c.b_gain << " lambda " << c.lambda;
}

INSTANTIATE_TEST_SUITE_P(Model7, HarrisTodaro,
                         ::testing::Values(HtCase{0.1, 0.05, 0.5599}, HtCase{1.0, 0.05, 0.5141},
                                           HtCase{10.0, 0.01, 0.5017}));

}  // namespace
}  // namespace corridor

namespace corridor {
namespace {

// Month of the first early return of scheme 0 (the target saver's exit), -1 if none.
int64_t target_saver_return_month(const std::vector<std::string>& overrides) {
  const auto loaded = load_scenario(
      std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/analytic/target_saver.toml", overrides);
  EXPECT_TRUE(loaded.ok());
  if (!loaded.ok()) return -2;
  RunOptions options;
  options.check_conservation = true;
  const RunResults r = run_simulation(*loaded.spec, options);
  const Dataset* early = r.find("timeseries/early_returns");
  const Dataset* deployed = r.find("timeseries/deployments");
  const Dataset* on_time = r.find("timeseries/returns_on_time");
  const size_t C = early->shape[2];
  EXPECT_EQ(deployed->data[(0 * C + 0) * 2 + 0] + deployed->data[(0 * C + 0) * 2 + 1], 1.0)
      << "deployed in month 0 (selected and departing in phase 5, first work month 1)";
  for (double v : on_time->data) EXPECT_EQ(v, 0.0);
  for (size_t m = 0; m < early->shape[1]; ++m)
    if (early->data[(m * C + 0) * 2 + 0] + early->data[(m * C + 0) * 2 + 1] > 0)
      return static_cast<int64_t>(m);
  return -1;
}

// A target earner with k = 0 who weighs going home every month returns in phase 8 of month
// m1 + ceil(T / s) - 1 with m1 = 1: before, the months up to the target are worth working;
// from then on, working on adds nothing it values and the months away cost kappa.
TEST(TargetSaver, ReturnsInTheMonthTheTargetIsReached) {
  EXPECT_EQ(target_saver_return_month({}), 1 + 10 - 1);  // T = 10 s
}

// With k = 1 the same worker is an accumulator in all but name: no early return.
TEST(TargetSaver, WithoutTheKinkThereIsNoEarlyReturn) {
  EXPECT_EQ(target_saver_return_month({"behaviour.target_kink=1", "run.months=20"}), -1);
}

// An accumulator (no target earners) does not return early either.
TEST(TargetSaver, AnAccumulatorDoesNotReturnEarly) {
  EXPECT_EQ(target_saver_return_month({"behaviour.target_share=0", "run.months=20"}), -1);
}

TEST(TargetSaver, FractionalTargetRoundsUp) {  // T = 10.5 s
  EXPECT_EQ(target_saver_return_month({"behaviour.target_median_months=73.5"}), 1 + 11 - 1);
}

}  // namespace
}  // namespace corridor
