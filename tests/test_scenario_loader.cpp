// Loading valid scenarios: entity order, base plus differences, --set overrides, the
// resolved text round trip.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <string>
#include <vector>

#include "input/scenario_loader.hpp"
#include "model/params.hpp"

namespace corridor {
namespace {

const std::string kDir = CORRIDOR_SOURCE_DIR "/tests/data/scenarios/";

std::string all(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += "  " + format_diagnostic(d) + "\n";
  return out;
}

Spec load_ok(const std::string& file, const std::vector<std::string>& overrides = {}) {
  LoadResult r = load_scenario(kDir + file, overrides);
  EXPECT_TRUE(r.ok()) << all(r.diagnostics);
  return r.spec ? *r.spec : Spec{};
}

// Every field of every entity, through the parameter tables, as text.
template <class E>
void dump(std::string& out, const std::string& prefix, const E& e,
          const std::vector<Param<E>>& table) {
  for (const auto& p : table)
    out += fmt::format("{}.{} = {}\n", prefix, p.key, param_value_text(e, p));
}

std::string dump_spec(const Spec& s) {
  std::string out;
  dump(out, "run", s.run, run_params());
  dump(out, "behaviour", s.behaviour, behaviour_params());
  for (const auto& o : s.origins) {
    dump(out, "origins." + o.name, o, origin_params());
    for (size_t b = 0; b < kBands; ++b)
      dump(out, fmt::format("origins.{}.bands.{}", o.name, kBandNames[b]), o.bands[b],
           band_params());
    for (size_t i = 0; i < o.strata.size(); ++i)
      dump(out, fmt::format("origins.{}.strata[{}]", o.name, i), o.strata[i], stratum_params());
  }
  for (const auto& d : s.destinations) {
    dump(out, "destinations." + d.name, d, destination_params());
    for (const auto& k : d.sectors) dump(out, "sectors." + k.name, k, sector_params());
  }
  for (const auto& c : s.corridors) {
    dump(out, "corridors." + c.name, c, corridor_params());
    for (const auto& ch : c.channels) dump(out, "channels." + ch.name, ch, channel_params());
    dump(out, "irregular", c.irregular, route_params());
  }
  for (const auto& x : s.schemes) dump(out, "schemes." + x.name, x, scheme_params());
  for (const auto& ev : s.timeline)
    out += fmt::format("timeline {} {} {} {}\n", ev.month, static_cast<int>(ev.action), ev.path,
                       ev.value);
  return out;
}

template <class V>
std::vector<std::string> names(const V& items) {
  std::vector<std::string> out;
  for (const auto& x : items) out.push_back(x.name);
  return out;
}

TEST(ScenarioLoader, ReadsEveryTableInFileOrder) {
  const Spec s = load_ok("baseline.toml");
  EXPECT_EQ(s.source_file, kDir + "baseline.toml");
  EXPECT_EQ(s.run.name, "baseline");
  EXPECT_EQ(s.run.months, 60);
  EXPECT_EQ(s.run.replicates, 1);  // default kept
  EXPECT_EQ(names(s.origins), (std::vector<std::string>{"ph", "lk"}));
  EXPECT_EQ(names(s.schemes), (std::vector<std::string>{"ph_domestic", "lk_construction"}));
  EXPECT_EQ(names(s.destinations[0].sectors),
            (std::vector<std::string>{"domestic", "construction"}));
  EXPECT_EQ(names(s.corridors[0].channels), (std::vector<std::string>{"bank", "hawala"}));
  const Origin& ph = s.origins[0];
  EXPECT_DOUBLE_EQ(ph.bands[0].home_wage, 12000.0);
  EXPECT_DOUBLE_EQ(ph.bands[2].share, 0.2);
  ASSERT_EQ(ph.strata.size(), 1u);
  EXPECT_EQ(ph.strata[0].sex, "female");
  EXPECT_EQ(ph.strata[0].bands, (std::vector<std::string>{"low", "medium"}));
  EXPECT_DOUBLE_EQ(s.destinations[0].sectors[0].season[11], 2.0);
  EXPECT_TRUE(s.corridors[0].irregular.exists);  // the table is present
  EXPECT_DOUBLE_EQ(s.corridors[0].irregular.smuggler_fee, 1500.0);
  EXPECT_FALSE(s.corridors[1].irregular.exists);
  EXPECT_EQ(s.corridors[1].channels[0].kind, "mto");  // empty channel table: all defaults
  EXPECT_EQ(s.schemes[1].season_length, 6);
  ASSERT_EQ(s.timeline.size(), 1u);
  EXPECT_EQ(s.timeline[0].action, TimelineEvent::Action::kSet);
  EXPECT_EQ(s.timeline[0].path, "schemes.ph_domestic.fee_cap_months");
  EXPECT_DOUBLE_EQ(s.timeline[0].value, 0.5);
  EXPECT_EQ(s.timeline[0].line, 77);
}

TEST(ScenarioLoader, IrregularTableCanSayTheRouteDoesNotExist) {
  const LoadResult r =
      load_scenario(kDir + "baseline.toml", {"corridors.ph_sa.irregular.exists=false"});
  ASSERT_TRUE(r.ok()) << all(r.diagnostics);
  EXPECT_FALSE(r.spec->corridors[0].irregular.exists);
}

TEST(ScenarioLoader, BasePlusDifferences) {
  const Spec s = load_ok("pilot.toml");
  EXPECT_EQ(s.run.name, "pilot");  // from the pilot
  EXPECT_EQ(s.run.months, 60);     // from the base
  EXPECT_EQ(names(s.schemes),
            (std::vector<std::string>{"ph_domestic", "lk_construction", "ph_circular"}));
  const Scheme& d = s.schemes[0];
  EXPECT_DOUBLE_EQ(d.fee_cap_months, 0.0);  // pilot wins
  EXPECT_EQ(d.selection, "government");     // pilot adds
  EXPECT_EQ(d.sex, "female");               // base kept
  EXPECT_TRUE(s.schemes[2].assured_reentry);
  // The pilot's timeline entries come after the base's, then sort by month (stable).
  ASSERT_EQ(s.timeline.size(), 2u);
  EXPECT_EQ(s.timeline[0].month, 6);
  EXPECT_EQ(s.timeline[0].action, TimelineEvent::Action::kClose);
  EXPECT_EQ(s.timeline[1].month, 24);
}

TEST(ScenarioLoader, BaseChainAppendsTimelinesInChainOrder) {
  const Spec s = load_ok("pilot_chain.toml");
  EXPECT_EQ(s.run.name, "pilot");
  ASSERT_EQ(s.timeline.size(), 3u);
  // Month 6: pilot's close first (written earlier in the chain), then pilot_chain's amnesty.
  EXPECT_EQ(s.timeline[0].action, TimelineEvent::Action::kClose);
  EXPECT_EQ(s.timeline[1].action, TimelineEvent::Action::kAmnesty);
  EXPECT_EQ(s.timeline[1].path, "sa");
  EXPECT_EQ(s.timeline[2].month, 24);
}

TEST(ScenarioLoader, Overrides) {
  const Spec s = load_ok(
      "baseline.toml",
      {"schemes.ph_domestic.fee_cap_months=0", "behaviour.lambda=0.1", "run.seed=7",
       "destinations.sa.sectors.domestic.season=[1,1,1,1,1,1,1,1,1,1,1,3]",
       "schemes.ph_domestic.selection=employer", "origins.ph.bands.low.home_wage = 9000",
       "corridors.ph_sa.channels.bank.fixed_fee=2", "corridors.lk_sa.irregular.exists=true"});
  EXPECT_DOUBLE_EQ(s.schemes[0].fee_cap_months, 0.0);
  EXPECT_DOUBLE_EQ(s.behaviour.lambda, 0.1);
  EXPECT_EQ(s.run.seed, 7);
  EXPECT_DOUBLE_EQ(s.destinations[0].sectors[0].season[11], 3.0);
  EXPECT_EQ(s.schemes[0].selection, "employer");
  EXPECT_DOUBLE_EQ(s.origins[0].bands[0].home_wage, 9000.0);
  EXPECT_DOUBLE_EQ(s.corridors[0].channels[0].fixed_fee, 2.0);
  EXPECT_TRUE(s.corridors[1].irregular.exists);
  // The resolved text records the overrides.
  EXPECT_NE(s.resolved_text.find("seed = 7"), std::string::npos) << s.resolved_text;
}

TEST(ScenarioLoader, OverridesAreValidatedLikeTheFile) {
  // A semantic check that only an override breaks.
  const LoadResult r = load_scenario(kDir + "baseline.toml", {"schemes.ph_domestic.kind=circular"});
  ASSERT_EQ(r.diagnostics.size(), 1u) << all(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].key, "schemes.ph_domestic.assured_reentry");
  // Setting the route of a corridor without one needs `exists` first.
  const LoadResult r2 =
      load_scenario(kDir + "baseline.toml", {"corridors.lk_sa.irregular.smuggler_fee=10"});
  ASSERT_EQ(r2.diagnostics.size(), 1u) << all(r2.diagnostics);
  EXPECT_NE(r2.diagnostics[0].message.find("has no irregular route"), std::string::npos);
  // Unknown sector and channel names get suggestions.
  const LoadResult r3 = load_scenario(
      kDir + "baseline.toml",
      {"destinations.sa.sectors.domestc.demand=1", "corridors.ph_sa.channels.bnk.pct_fee=0"});
  ASSERT_EQ(r3.diagnostics.size(), 2u) << all(r3.diagnostics);
  EXPECT_NE(r3.diagnostics[0].message.find("did you mean 'domestic'?"), std::string::npos);
  EXPECT_NE(r3.diagnostics[1].message.find("did you mean 'bank'?"), std::string::npos);
}

TEST(ScenarioLoader, ResolvedTextRoundTrip) {
  for (const char* file : {"baseline.toml", "pilot.toml", "pilot_chain.toml"}) {
    SCOPED_TRACE(file);
    const Spec a = load_ok(file, {"behaviour.lambda=0.125", "run.seed=11"});
    EXPECT_EQ(a.resolved_text.find("base ="), std::string::npos);
    const LoadResult r = load_scenario_text(a.resolved_text, "resolved.toml");
    ASSERT_TRUE(r.ok()) << all(r.diagnostics) << a.resolved_text;
    EXPECT_EQ(dump_spec(*r.spec), dump_spec(a));
    EXPECT_EQ(r.spec->resolved_text, a.resolved_text);
  }
}

TEST(ScenarioLoader, ResolvedTextKeepsPilotEntitiesAfterBaseEntities) {
  const Spec s = load_ok("pilot.toml");
  const size_t base_scheme = s.resolved_text.find("[schemes.lk_construction]");
  const size_t pilot_scheme = s.resolved_text.find("[schemes.ph_circular]");
  ASSERT_NE(base_scheme, std::string::npos);
  ASSERT_NE(pilot_scheme, std::string::npos);
  EXPECT_LT(base_scheme, pilot_scheme);
}

TEST(ScenarioLoader, MissingFile) {
  const LoadResult r = load_scenario(kDir + "no_such.toml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("cannot read the scenario file"), std::string::npos);
  EXPECT_FALSE(r.ok());
}

TEST(ScenarioLoader, FormatDiagnostic) {
  EXPECT_EQ(format_diagnostic({"a.toml", 3, 7, "run.seed", "found 1.5, expected an integer"}),
            "a.toml:3:7: run.seed: found 1.5, expected an integer");
  EXPECT_EQ(format_diagnostic({"a.toml", 2, 1, "", "syntax error: x"}),
            "a.toml:2:1: syntax error: x");
  EXPECT_EQ(format_diagnostic({"--set", 0, 0, "run.x", "unknown key"}),
            "--set: run.x: unknown key");
}

}  // namespace
}  // namespace corridor
