// Malformed scenarios: each case asserts the exact diagnostic (file, line, column, key
// and a substring of the message).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "input/scenario_loader.hpp"

namespace corridor {
namespace {

// A valid scenario; cases replace one piece of it and/or append lines after line 34
// (which still belong to [schemes.ph_domestic] unless they open a new table).
constexpr std::string_view kValid = R"([run]
months = 24
burn_in = 6

[origins.ph]
agents = 100

[origins.ph.bands.low]
share = 0.5

[origins.ph.bands.medium]
share = 0.3

[origins.ph.bands.high]
share = 0.2

[destinations.sa]
living = 250.0

[destinations.sa.sectors.domestic]
demand = 500.0

[corridors.ph_sa]
origin = "ph"
destination = "sa"

[corridors.ph_sa.channels.bank]
kind = "bank"

[schemes.ph_domestic]
corridor = "ph_sa"
sector = "domestic"
kind = "temporary"
fee_cap_months = 1.0
)";

constexpr const char* kFixtures = CORRIDOR_SOURCE_DIR "/tests/data/scenarios/";

struct Case {
  const char* name;
  std::string from, to;  // replace `from` (must occur) by `to`
  std::string append;    // then append this
  std::vector<std::string> overrides;
  // expected diagnostic
  int64_t line, column;
  std::string key, message;
  std::string file = "test.toml";  // "--set" for overrides
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

std::string build(const Case& c) {
  std::string text(kValid);
  if (!c.from.empty()) {
    const size_t at = text.find(c.from);
    EXPECT_NE(at, std::string::npos) << c.name << ": '" << c.from << "' not in the scenario";
    if (at != std::string::npos) text.replace(at, c.from.size(), c.to);
  }
  return text + c.append;
}

std::string all(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += "  " + format_diagnostic(d) + "\n";
  return out;
}

const std::string kTl = "\n[[timeline]]\n";  // the [[timeline]] header is line 36

const std::vector<Case> kCases = {
    {"unknown_key",
     "",
     "",
     "fee_cap_month = 1\n",
     {},
     35,
     17,
     "schemes.ph_domestic.fee_cap_month",
     "unknown key 'fee_cap_month'; did you mean 'fee_cap_months'?"},
    {"wrong_type",
     "",
     "",
     "quota = \"many\"\n",
     {},
     35,
     9,
     "schemes.ph_domestic.quota",
     "found 'many', expected a number from 0 to 1000000000000"},
    {"out_of_range",
     "",
     "",
     "season_start = 14\n",
     {},
     35,
     16,
     "schemes.ph_domestic.season_start",
     "found 14, expected an integer from 0 to 11"},
    {"integer_given_float",
     "",
     "",
     "processing_months = 1.5\n",
     {},
     35,
     21,
     "schemes.ph_domestic.processing_months",
     "found 1.5, expected an integer from 1 to 36"},
    {"bad_choice",
     "kind = \"temporary\"",
     "kind = \"temporal\"",
     "",
     {},
     33,
     8,
     "schemes.ph_domestic.kind",
     "found 'temporal', expected one of 'temporary', 'bilateral', 'seasonal', 'circular' or "
     "'permanent'; did you mean 'temporary'?"},
    {"unknown_scheme_corridor",
     "corridor = \"ph_sa\"",
     "corridor = \"ph_saa\"",
     "",
     {},
     31,
     12,
     "schemes.ph_domestic.corridor",
     "unknown corridor 'ph_saa'; did you mean 'ph_sa'?"},
    {"sector_missing_at_destination",
     "sector = \"domestic\"",
     "sector = \"domestik\"",
     "",
     {},
     32,
     10,
     "schemes.ph_domestic.sector",
     "unknown sector 'domestik' at destination 'sa' (corridor 'ph_sa'); did you mean "
     "'domestic'?"},
    {"missing_required_key",
     "sector = \"domestic\"\n",
     "",
     "",
     {},
     30,
     1,
     "schemes.ph_domestic.sector",
     "missing required key 'sector'"},
    {"season_longer_than_12",
     "kind = \"temporary\"",
     "kind = \"seasonal\"\nseason_length = 13",
     "",
     {},
     34,
     17,
     "schemes.ph_domestic.season_length",
     "found 13, expected an integer from 0 to 12"},
    {"seasonal_without_window",
     "kind = \"temporary\"",
     "kind = \"seasonal\"",
     "",
     {},
     30,
     1,
     "schemes.ph_domestic.season_length",
     "found 0, expected a season window from 1 to 12 months for a seasonal scheme"},
    {"season_on_non_seasonal",
     "",
     "",
     "season_length = 6\n",
     {},
     35,
     17,
     "schemes.ph_domestic.season_length",
     "found 6, expected 0 for a temporary scheme"},
    {"circular_without_reentry",
     "kind = \"temporary\"",
     "kind = \"circular\"",
     "",
     {},
     30,
     1,
     "schemes.ph_domestic.assured_reentry",
     "found false, expected true for a circular scheme"},
    {"bilateral_without_government",
     "kind = \"temporary\"",
     "kind = \"bilateral\"",
     "",
     {},
     30,
     1,
     "schemes.ph_domestic.selection",
     "found 'agency', expected 'government' for a bilateral scheme"},
    {"band_shares",
     "share = 0.2",
     "share = 0.25",
     "",
     {},
     8,
     1,
     "origins.ph.bands",
     "found band shares summing to 1.05 (low 0.5, medium 0.3, high 0.25), expected shares "
     "summing to 1"},
    {"type_shares",
     "",
     "",
     "[behaviour]\ntarget_share = 0.6\nsettler_share = 0.5\n",
     {},
     37,
     17,
     "behaviour.settler_share",
     "found target_share 0.6 + settler_share 0.5 = 1.1, expected a sum of at most 1 (the rest "
     "are accumulators)"},
    {"channel_shares",
     "kind = \"bank\"",
     "kind = \"bank\"\ninitial_share = 0.5",
     "",
     {},
     27,
     1,
     "corridors.ph_sa.channels",
     "found channel initial_share summing to 0.5, expected a sum of 1 or all 0"},
    {"corridor_without_channel",
     "[corridors.ph_sa.channels.bank]\nkind = \"bank\"\n",
     "",
     "",
     {},
     23,
     1,
     "corridors.ph_sa.channels",
     "found no remittance channel"},
    {"unknown_corridor_origin",
     "origin = \"ph\"",
     "origin = \"phl\"",
     "",
     {},
     24,
     10,
     "corridors.ph_sa.origin",
     "unknown origin 'phl'; did you mean 'ph'?"},
    {"burn_in_not_below_months",
     "burn_in = 6",
     "burn_in = 24",
     "",
     {},
     3,
     11,
     "run.burn_in",
     "found 24, expected fewer months than run.months (24)"},
    {"unknown_table",
     "",
     "",
     "\n[scheme.x]\nquota = 1\n",
     {},
     36,
     1,
     "scheme",
     "unknown table 'scheme'; did you mean 'schemes'?"},
    {"list_length",
     "demand = 500.0",
     "demand = 500.0\nseason = [1, 1, 1]",
     "",
     {},
     22,
     10,
     "destinations.sa.sectors.domestic.season",
     "found a list of 3 values, expected a list of 12 numbers from 0 to 100"},
    {"list_element_choice",
     "",
     "",
     "bands = [\"low\", \"hihg\"]\n",
     {},
     35,
     17,
     "schemes.ph_domestic.bands[1]",
     "found 'hihg', expected one of 'low', 'medium' or 'high'; did you mean 'high'?"},
    {"stratum_sex",
     "",
     "",
     "\n[[origins.ph.strata]]\nagents = 5\nsex = \"woman\"\n",
     {},
     38,
     7,
     "origins.ph.strata[0].sex",
     "found 'woman', expected one of 'any', 'female' or 'male'"},
    {"age_range",
     "agents = 100",
     "agents = 100\nage_min_years = 50\nage_max_years = 40",
     "",
     {},
     7,
     17,
     "origins.ph.age_min_years",
     "found 50, expected at most age_max_years (40)"},
    {"bad_timeline_target",
     "",
     "",
     kTl + "month = 3\nset = \"schemes.ph_domestc.fee_cap_months\"\nvalue = 0.0\n",
     {},
     38,
     7,
     "timeline[0].set",
     "unknown scheme 'ph_domestc'; did you mean 'ph_domestic'?"},
    {"bad_timeline_key",
     "",
     "",
     kTl + "month = 3\nset = \"schemes.ph_domestic.fee_cap_month\"\nvalue = 0.0\n",
     {},
     38,
     7,
     "timeline[0].set",
     "unknown key 'fee_cap_month'; did you mean 'fee_cap_months'?"},
    {"timeline_non_timeline_lever",
     "",
     "",
     kTl + "month = 3\nset = \"schemes.ph_domestic.season_length\"\nvalue = 2\n",
     {},
     38,
     7,
     "timeline[0].set",
     "found 'schemes.ph_domestic.season_length', expected a lever a timeline may change"},
    {"timeline_month_out_of_range",
     "",
     "",
     kTl + "month = 24\nopen = \"ph_domestic\"\n",
     {},
     37,
     9,
     "timeline[0].month",
     "found 24, expected an integer month from 0 to 23 (run.months is 24)"},
    {"timeline_value_out_of_range",
     "",
     "",
     kTl + "month = 3\nset = \"schemes.ph_domestic.fee_cap_months\"\nvalue = 200\n",
     {},
     39,
     9,
     "timeline[0].value",
     "found 200, expected a number from -1 to 100 for schemes.ph_domestic.fee_cap_months"},
    {"timeline_two_actions",
     "",
     "",
     kTl + "month = 3\nopen = \"ph_domestic\"\nclose = \"ph_domestic\"\n",
     {},
     36,
     1,
     "timeline[0]",
     "found both 'open' and 'close', expected exactly one of"},
    {"timeline_unknown_amnesty",
     "",
     "",
     kTl + "month = 3\namnesty = \"saa\"\n",
     {},
     38,
     11,
     "timeline[0].amnesty",
     "unknown destination 'saa'; did you mean 'sa'?"},
    {"syntax_error", "", "", "quota = = 3\n", {}, 35, 9, "", "syntax error"},
    {"set_bad_path",
     "",
     "",
     "",
     {"schemes.ph_domestc.fee_cap_months=0"},
     0,
     0,
     "schemes.ph_domestc.fee_cap_months",
     "unknown scheme 'ph_domestc'; did you mean 'ph_domestic'? (from --set "
     "schemes.ph_domestc.fee_cap_months=0)",
     "--set"},
    {"set_bad_key",
     "",
     "",
     "",
     {"behaviour.lamda=0.1"},
     0,
     0,
     "behaviour.lamda",
     "unknown key 'lamda' in behaviour; did you mean 'lambda'?",
     "--set"},
    {"set_bad_value_type",
     "",
     "",
     "",
     {"run.seed=1.5"},
     0,
     0,
     "run.seed",
     "found 1.5, expected an integer from 0 to 9000000000000000 (from --set run.seed=1.5)",
     "--set"},
    {"set_bad_value_syntax",
     "",
     "",
     "",
     {"run.seed=[1,"},
     0,
     0,
     "run.seed",
     "cannot read value '[1,'",
     "--set"},
    {"set_bare_word_checked",
     "",
     "",
     "",
     {"schemes.ph_domestic.selection=agancy"},
     0,
     0,
     "schemes.ph_domestic.selection",
     "found 'agancy', expected one of 'government', 'agency' or 'employer'; did you mean "
     "'agency'?",
     "--set"},
    {"set_no_equals",
     "",
     "",
     "",
     {"run.seed"},
     0,
     0,
     "",
     "found no '=', expected PATH=VALUE",
     "--set"},
};

class MalformedScenario : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedScenario, ReportsExactDiagnostic) {
  const Case& c = GetParam();
  const LoadResult r = load_scenario_text(build(c), "test.toml", c.overrides);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.spec.has_value());
  ASSERT_EQ(r.diagnostics.size(), 1u) << all(r.diagnostics);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.file, c.file) << all(r.diagnostics);
  EXPECT_EQ(d.line, c.line) << all(r.diagnostics);
  EXPECT_EQ(d.column, c.column) << all(r.diagnostics);
  EXPECT_EQ(d.key, c.key) << all(r.diagnostics);
  EXPECT_NE(d.message.find(c.message), std::string::npos)
      << "expected message containing: " << c.message << "\n"
      << all(r.diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Cases, MalformedScenario, ::testing::ValuesIn(kCases),
                         [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(MalformedScenario, ValidBaseHasNoDiagnostics) {
  const LoadResult r = load_scenario_text(kValid, "test.toml");
  EXPECT_TRUE(r.ok()) << all(r.diagnostics);
}

TEST(MalformedScenario, BaseCycle) {
  const std::string a = std::string(kFixtures) + "cycle_a.toml";
  const LoadResult r = load_scenario(a);
  ASSERT_EQ(r.diagnostics.size(), 1u) << all(r.diagnostics);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_NE(d.file.find("cycle_b.toml"), std::string::npos) << d.file;
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 8);
  EXPECT_EQ(d.key, "base");
  EXPECT_NE(d.message.find("base cycle: "), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("cycle_a.toml -> "), std::string::npos) << d.message;
}

TEST(MalformedScenario, MissingBaseFile) {
  const LoadResult r = load_scenario_text("base = \"no_such_file.toml\"\n", "dir/x.toml");
  ASSERT_EQ(r.diagnostics.size(), 1u) << all(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].line, 1);
  EXPECT_EQ(r.diagnostics[0].column, 8);
  EXPECT_NE(r.diagnostics[0].message.find("cannot read base file 'dir/no_such_file.toml'"),
            std::string::npos)
      << r.diagnostics[0].message;
}

TEST(MalformedScenario, KeysFromTheBaseNameTheBaseFile) {
  const LoadResult r = load_scenario(std::string(kFixtures) + "pilot_of_bad.toml");
  ASSERT_EQ(r.diagnostics.size(), 2u) << all(r.diagnostics);
  // Reading order: behaviour before schemes.
  EXPECT_NE(r.diagnostics[0].file.find("bad_base.toml"), std::string::npos);
  EXPECT_EQ(r.diagnostics[0].line, 5);
  EXPECT_EQ(r.diagnostics[0].key, "behaviour.lambda");
  EXPECT_NE(r.diagnostics[0].message.find("found 7, expected a number from 0 to 1"),
            std::string::npos);
  EXPECT_NE(r.diagnostics[1].file.find("pilot_of_bad.toml"), std::string::npos);
  EXPECT_EQ(r.diagnostics[1].line, 5);
  EXPECT_EQ(r.diagnostics[1].key, "schemes.ph_domestic.quota");
}

TEST(MalformedScenario, EveryProblemIsReported) {
  std::string text(kValid);
  text.replace(text.find("burn_in = 6"), 11, "burn_in = 30");         // semantic
  text.replace(text.find("agents = 100"), 12, "agents = 1.5");        // integer given float
  text.replace(text.find("origin = \"ph\""), 13, "origin = \"xx\"");  // unknown origin
  text += "fee_cap_month = 1\n";                                      // unknown key
  text += kTl + "month = 99\nset = \"schemes.ph_domestic.fee_cap_months\"\nvalue = 0.0\n";
  const LoadResult r = load_scenario_text(text, "test.toml", {"behaviour.lambda=2"});
  std::vector<std::string> keys;
  for (const auto& d : r.diagnostics) keys.push_back(d.key);
  const std::vector<std::string> expected = {
      "behaviour.lambda",  "origins.ph.agents", "schemes.ph_domestic.fee_cap_month",
      "timeline[0].month", "run.burn_in",       "corridors.ph_sa.origin"};
  EXPECT_EQ(keys, expected) << all(r.diagnostics);
  EXPECT_EQ(
      format_diagnostic(r.diagnostics[1]),
      "test.toml:6:10: origins.ph.agents: found 1.5, expected an integer from 0 to 1000000000");
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "--set: behaviour.lambda: found 2, expected a number from 0 to 1 (from --set "
            "behaviour.lambda=2)");
}

}  // namespace
}  // namespace corridor
