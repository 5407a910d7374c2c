// The output file of a real run holds every name of MODEL.md section 6, with units,
// descriptions and the documented shapes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "h5_read.hpp"
#include "input/scenario_loader.hpp"
#include "output/hdf5_writer.hpp"

namespace corridor {
namespace {

namespace fs = std::filesystem;

class OutputFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded =
        load_scenario(std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/default.toml",
                      {"origins.ph.agents=2000", "origins.mx.agents=1000", "origins.ma.agents=1000",
                       "run.months=150", "run.burn_in=12", "run.replicates=2"});
    ASSERT_TRUE(loaded.ok());
    spec_ = new Spec(*loaded.spec);
    path_ = (fs::temp_directory_path() / ("corridor_output_" + std::to_string(::getpid()) + ".h5"))
                .string();
    write_results_hdf5(path_, run_simulation(*spec_));
  }
  static void TearDownTestSuite() {
    fs::remove(path_);
    delete spec_;
  }
  static inline Spec* spec_ = nullptr;
  static inline std::string path_;
};

TEST_F(OutputFile, HoldsEveryNameOfModelSection6WithUnitsAndDescriptions) {
  h5read::File f(path_);
  EXPECT_TRUE(f.is_complete());
  for (const char* a :
       {"corridor_version", "git_revision", "build_flags", "scenario_name", "created"})
    EXPECT_FALSE(f.root_text(a).empty()) << a;
  for (const char* a : {"seed", "replicates", "months", "burn_in"})
    EXPECT_TRUE(f.has_attribute("/", a)) << a;
  EXPECT_FALSE(f.read_string("scenario/resolved").empty());
  for (const char* axis : {"schemes", "corridors", "countries", "sectors", "sex", "bands",
                           "wealth_quintiles", "household_kinds", "transfer_bands"})
    EXPECT_TRUE(f.exists(std::string("index/") + axis)) << axis;

  const std::vector<std::string> flows_and_stocks = {"stock_home",
                                                     "stock_applicant",
                                                     "stock_pre_departure",
                                                     "stock_abroad_legal",
                                                     "stock_abroad_irregular",
                                                     "stock_settled",
                                                     "stock_returned",
                                                     "applications",
                                                     "roster_lapses",
                                                     "withdrawals",
                                                     "selections",
                                                     "deployments",
                                                     "irregular_entries",
                                                     "returns_on_time",
                                                     "early_returns",
                                                     "overstays",
                                                     "searcher_overstays",
                                                     "settled_at_end",
                                                     "settled_during",
                                                     "irregular_returns",
                                                     "deportations",
                                                     "regularisations",
                                                     "exits",
                                                     "entries",
                                                     "reentries",
                                                     "renewals",
                                                     "irregular_attempts",
                                                     "rehire_offers",
                                                     "eligible_returnees",
                                                     "defaults",
                                                     "contract_ends",
                                                     "cost_ratio_imputed",
                                                     "interest_paid",
                                                     "loan_subsidy_cost",
                                                     "earnings_abroad",
                                                     "remittances_sent",
                                                     "remittance_fees",
                                                     "remittances_received",
                                                     "remittance_tax",
                                                     "informal_losses",
                                                     "savings_repatriated",
                                                     "forfeited_balances",
                                                     "debt_written_off",
                                                     "business_starts",
                                                     "jobs_created",
                                                     "cohort_size",
                                                     "trips_sum",
                                                     "trips_sumsq",
                                                     "multi_trip_count"};
  const size_t C = f.read_strings("index/schemes").size();
  for (const auto& name : flows_and_stocks) {
    const std::string ts = "timeseries/" + name, su = "summary/" + name;
    ASSERT_TRUE(f.exists(ts)) << ts;
    ASSERT_TRUE(f.exists(su)) << su;
    EXPECT_EQ(f.shape(ts), (std::vector<size_t>{2, 150, C, 2})) << ts;
    EXPECT_EQ(f.shape(su), (std::vector<size_t>{2, C, 2})) << su;
  }
  const std::vector<std::string> summaries = {"return_rate",
                                              "overstay_rate",
                                              "non_return_rate",
                                              "return_rate_12m",
                                              "circularity",
                                              "multi_trip_share",
                                              "recruitment_cost_usd_mean",
                                              "recruitment_cost_months_mean",
                                              "share_cost_over_1_month",
                                              "share_cost_over_2x_median",
                                              "debt_at_departure_mean",
                                              "share_debt_over_3_months",
                                              "months_to_repay_median",
                                              "months_to_repay_rmst60",
                                              "share_unrepaid_24m",
                                              "employer_cost_per_worker_month",
                                              "fiscal_cost",
                                              "remittance_cost_pct",
                                              "remittance_cost_pct_by_band",
                                              "formal_share",
                                              "net_gain_per_migrant",
                                              "months_to_recoup",
                                              "skill_gain_mean",
                                              "skill_recognized_mean",
                                              "brain_waste_share",
                                              "business_survival_12m",
                                              "overstay_rate_below_n",
                                              "overstay_rate_at_least_n",
                                              "trips_variance"};
  for (const auto& name : summaries) EXPECT_TRUE(f.exists("summary/" + name)) << name;
  for (const char* name : {"return_rate", "overstay_rate", "formal_share", "return_rate_12m"}) {
    EXPECT_TRUE(f.exists(std::string("summary/") + name + "_num")) << name;
    EXPECT_TRUE(f.exists(std::string("summary/") + name + "_den")) << name;
  }
  for (const char* name : {"poverty_rate", "emigration_rate", "unemployment"})
    EXPECT_TRUE(f.exists(std::string("summary_by_origin/") + name)) << name;
  EXPECT_EQ(f.shape("summary_by_origin/poverty_rate"), (std::vector<size_t>{2, 3, 3}));
  EXPECT_EQ(f.shape("summary_by_origin/emigration_rate"), (std::vector<size_t>{2, 3, 5, 3}));
  for (const char* name : {"demand_job_months", "legal_job_months", "irregular_job_months",
                           "demand_filled_share", "irregular_fill_share"})
    EXPECT_TRUE(f.exists(std::string("summary_by_sector/") + name)) << name;
  for (const char* name : {"wages",
                           "home_income",
                           "business_income",
                           "other_household_income",
                           "grants",
                           "bonuses",
                           "payouts_cs",
                           "payouts_ss",
                           "consumption_subsistence",
                           "living_costs",
                           "housing_costs",
                           "fees_agency",
                           "fees_admin",
                           "fees_documents",
                           "fees_travel",
                           "fees_training",
                           "welfare_premiums",
                           "fees_smuggler",
                           "remittance_fees",
                           "remittance_fx_margin",
                           "wage_tax",
                           "remittance_tax",
                           "interest_paid",
                           "informal_losses",
                           "deportation_seizures",
                           "forfeited_balances",
                           "ss_nonportable_lost",
                           "business_capital_lost",
                           "debt_written_off",
                           "exit_transfers",
                           "conversions_out_usd",
                           "conversions_in_local",
                           "loans_disbursed",
                           "principal_repaid"})
    EXPECT_TRUE(f.exists(std::string("money/") + name)) << name;
  EXPECT_TRUE(f.exists("levers/ph_sa_domestic/fee_cap_months"));
  // Units and a description on every numeric dataset.
  for (const auto& d : f.datasets()) {
    if (d.rfind("index/", 0) == 0 || d.rfind("/index/", 0) == 0 ||
        d.find("scenario/") != std::string::npos)
      continue;
    EXPECT_FALSE(f.string_attribute(d, "units").empty()) << d;
    EXPECT_FALSE(f.string_attribute(d, "description").empty()) << d;
  }
}

}  // namespace
}  // namespace corridor
