// Lever paths (model/paths.hpp): read_lever, apply_timeline_event, describe_lever.
#include <gtest/gtest.h>

#include "input/scenario_loader.hpp"
#include "model/paths.hpp"

namespace corridor {
namespace {

Spec baseline() {
  LoadResult r = load_scenario(CORRIDOR_SOURCE_DIR "/tests/data/scenarios/baseline.toml");
  EXPECT_TRUE(r.ok());
  return r.spec ? *r.spec : Spec{};
}

TimelineEvent set_event(std::string path, double value) {
  TimelineEvent ev;
  ev.action = TimelineEvent::Action::kSet;
  ev.path = std::move(path);
  ev.value = value;
  return ev;
}

TEST(ScenarioPaths, ReadLeverEveryForm) {
  const Spec s = baseline();
  EXPECT_EQ(read_lever(s, "schemes.ph_domestic.fee_cap_months"), 1.0);
  EXPECT_EQ(read_lever(s, "schemes.ph_domestic.open"), 1.0);
  EXPECT_EQ(read_lever(s, "schemes.lk_construction.season_length"), 6.0);
  EXPECT_EQ(read_lever(s, "origins.ph.bands.low.home_wage"), 12000.0);
  EXPECT_EQ(read_lever(s, "origins.lk.agents"), 100.0);
  EXPECT_EQ(read_lever(s, "destinations.sa.living"), 250.0);
  EXPECT_EQ(read_lever(s, "destinations.sa.sectors.construction.demand"), 800.0);
  EXPECT_EQ(read_lever(s, "corridors.ph_sa.channels.hawala.initial_share"), 0.75);
  EXPECT_EQ(read_lever(s, "corridors.ph_sa.irregular.smuggler_fee"), 1500.0);
  EXPECT_EQ(read_lever(s, "corridors.ph_sa.irregular.exists"), 1.0);
  EXPECT_EQ(read_lever(s, "run.months"), 60.0);
  EXPECT_EQ(read_lever(s, "behaviour.lambda"), 0.05);
  EXPECT_FALSE(read_lever(s, "schemes.ph_domestic.sector"));  // text, not a number
  EXPECT_FALSE(read_lever(s, "schemes.nope.quota"));
  EXPECT_FALSE(read_lever(s, "origins.ph.bands.top.h0"));
  EXPECT_FALSE(read_lever(s, "schemes"));
}

TEST(ScenarioPaths, ApplySetsTheAddressedFieldOnly) {
  const Spec frozen = baseline();
  Spec w = frozen;
  std::string error;
  ASSERT_TRUE(apply_timeline_event(w, set_event("schemes.ph_domestic.fee_cap_months", 0), &error))
      << error;
  EXPECT_EQ(w.schemes[0].fee_cap_months, 0.0);
  EXPECT_EQ(frozen.schemes[0].fee_cap_months, 1.0);
  ASSERT_TRUE(apply_timeline_event(w, set_event("origins.ph.bands.high.home_wage", 500), &error));
  EXPECT_EQ(w.origins[0].bands[2].home_wage, 500.0);
  ASSERT_TRUE(apply_timeline_event(w, set_event("schemes.ph_domestic.renewals", 2), &error));
  EXPECT_EQ(w.schemes[0].renewals, 2);
  ASSERT_TRUE(apply_timeline_event(w, set_event("corridors.ph_sa.irregular.exists", 0), &error));
  EXPECT_FALSE(w.corridors[0].irregular.exists);
  ASSERT_TRUE(
      apply_timeline_event(w, set_event("destinations.sa.sectors.domestic.cycle", 0.8), &error));
  EXPECT_EQ(w.destinations[0].sectors[0].cycle, 0.8);
  ASSERT_TRUE(
      apply_timeline_event(w, set_event("corridors.ph_sa.channels.bank.pct_fee", 0.01), &error));
  EXPECT_EQ(w.corridors[0].channels[0].pct_fee, 0.01);
}

TEST(ScenarioPaths, ApplyOpenCloseAmnesty) {
  Spec w = baseline();
  TimelineEvent ev;
  ev.action = TimelineEvent::Action::kClose;
  ev.path = "lk_construction";
  ASSERT_TRUE(apply_timeline_event(w, ev));
  EXPECT_FALSE(w.schemes[1].open);
  ev.action = TimelineEvent::Action::kOpen;
  ASSERT_TRUE(apply_timeline_event(w, ev));
  EXPECT_TRUE(w.schemes[1].open);
  ev.action = TimelineEvent::Action::kAmnesty;
  ev.path = "sa";
  const Spec before = w;
  ASSERT_TRUE(apply_timeline_event(w, ev));
  EXPECT_EQ(w.resolved_text, before.resolved_text);
  ev.path = "sx";
  std::string error;
  EXPECT_FALSE(apply_timeline_event(w, ev, &error));
  EXPECT_EQ(error, "unknown destination 'sx'; did you mean 'sa'?");
}

TEST(ScenarioPaths, ApplyRejectsBadEvents) {
  Spec w = baseline();
  std::string error;
  EXPECT_FALSE(apply_timeline_event(w, set_event("schemes.ph_domestic.season_length", 3), &error));
  EXPECT_EQ(error, "'schemes.ph_domestic.season_length' is not a timeline lever");
  EXPECT_FALSE(apply_timeline_event(w, set_event("schemes.ph_domestic.renewals", 1.5), &error));
  EXPECT_NE(error.find("does not fit"), std::string::npos) << error;
  EXPECT_FALSE(apply_timeline_event(w, set_event("schemes.ph_domestic.compliance", 2), &error));
  EXPECT_NE(error.find("outside 0 to 1"), std::string::npos) << error;
  EXPECT_FALSE(apply_timeline_event(w, set_event("schemes.ph_domestc.quota", 1), &error));
  EXPECT_EQ(error, "unknown scheme 'ph_domestc'; did you mean 'ph_domestic'?");
  EXPECT_FALSE(apply_timeline_event(w, set_event("schemes.ph_domestic.qouta", 1), &error));
  EXPECT_NE(error.find("did you mean 'quota'?"), std::string::npos) << error;
  EXPECT_FALSE(apply_timeline_event(w, set_event("planets.mars.x", 1), &error));
  EXPECT_NE(error.find("is not a lever path"), std::string::npos) << error;
}

TEST(ScenarioPaths, DescribeAndList) {
  const Spec s = baseline();
  const auto info = describe_lever(s, "schemes.ph_domestic.fee_cap_months");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->type_name, "number");
  EXPECT_EQ(info->min, -1.0);
  EXPECT_TRUE(info->timeline);
  const auto paths = timeline_lever_paths(s);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "origins.lk.bands.medium.home_wage"),
            paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "corridors.lk_sa.irregular.exists"), paths.end());
  EXPECT_EQ(std::find(paths.begin(), paths.end(), "schemes.ph_domestic.season_length"),
            paths.end());
  for (const auto& p : paths) EXPECT_TRUE(read_lever(s, p)) << p;
}

}  // namespace
}  // namespace corridor
