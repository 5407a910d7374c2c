// Engine-level tests: determinism across thread counts, stock conservation, output
// layout, and the meaning of levers on small worlds built from the default scenario.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "engine_test_support.hpp"
#include "input/scenario_loader.hpp"
#include "model/agents.hpp"
#include "model/money.hpp"
#include "model/outputs.hpp"

namespace corridor {
namespace {

const std::string kDefault = std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/default.toml";

Spec load_default(std::vector<std::string> overrides) {
  // Small and quick: fewer agents, shorter run.
  std::vector<std::string> all = {"origins.ph.agents=3000", "origins.mx.agents=1500",
                                  "origins.ma.agents=1500", "run.months=72",
                                  "run.burn_in=12",         "run.replicates=1"};
  all.insert(all.end(), overrides.begin(), overrides.end());
  auto loaded = load_scenario(kDefault, all);
  if (!loaded.ok()) {
    std::string msg;
    for (const auto& d : loaded.diagnostics) msg += format_diagnostic(d) + "\n";
    ADD_FAILURE() << msg;
  }
  return *loaded.spec;
}

double total(const RunResults& r, const std::string& path, int channel = -1) {
  const Dataset* d = r.find(path);
  EXPECT_NE(d, nullptr) << path;
  if (!d) return NAN;
  double s = 0;
  // Last two axes are [schemes, sex] for scheme datasets.
  const size_t C = d->shape[d->shape.size() - 2];
  for (size_t x = 0; x < d->data.size(); ++x) {
    const size_t c = (x / 2) % C;
    if (channel < 0 || c == static_cast<size_t>(channel)) s += d->data[x];
  }
  return s;
}

using test_support::channel_index;

TEST(Engine, BitIdenticalForAnyThreadCount) {
  // Enough agents for many blocks (kAgentBlock each), so threads really share the work.
  const Spec spec =
      load_default({"run.replicates=2", "run.months=60", "run.burn_in=12",
                    "origins.ph.agents=80000", "origins.ph.weight=12.5", "origins.mx.agents=40000",
                    "origins.mx.weight=5", "origins.ma.agents=40000", "origins.ma.weight=5"});
  ASSERT_GE(160000u / kAgentBlock, 9u);
  RunOptions one;
  one.threads = 1;
  RunOptions four;
  four.threads = 4;
  const RunResults a = run_simulation(spec, one);
  const RunResults b = run_simulation(spec, four);
  ASSERT_EQ(a.datasets.size(), b.datasets.size());
  for (size_t i = 0; i < a.datasets.size(); ++i) {
    ASSERT_EQ(a.datasets[i].path, b.datasets[i].path);
    const auto& x = a.datasets[i].data;
    const auto& y = b.datasets[i].data;
    ASSERT_EQ(x.size(), y.size());
    for (size_t k = 0; k < x.size(); ++k) {
      // Bitwise equality (NaN == NaN for ratios with a zero denominator).
      ASSERT_TRUE(std::memcmp(&x[k], &y[k], sizeof(double)) == 0)
          << a.datasets[i].path << " differs at " << k << ": " << x[k] << " vs " << y[k];
    }
  }
}

TEST(Engine, DifferentSeedGivesDifferentResults) {
  const RunResults a = run_simulation(load_default({}));
  const RunResults b = run_simulation(load_default({"run.seed=99"}));
  EXPECT_NE(a.find("timeseries/deployments")->data, b.find("timeseries/deployments")->data);
}

TEST(Engine, StocksReconcileWithFlowsEveryMonth) {
  const Spec spec = load_default({});
  const RunResults r = run_simulation(spec);
  const auto months = static_cast<size_t>(spec.run.months);
  auto month_total = [&](const std::string& name, size_t m) {
    const Dataset* d = r.find("timeseries/" + name);
    const size_t per_month = d->shape[2] * d->shape[3];
    double s = 0;
    for (size_t q = 0; q < per_month; ++q) s += d->data[m * per_month + q];
    return s;
  };
  double population = 0;
  for (const char* s : {"stock_home", "stock_applicant", "stock_pre_departure",
                        "stock_abroad_legal", "stock_abroad_irregular", "stock_settled"})
    population += month_total(s, 0);
  EXPECT_NEAR(population, 3000 * 50.0 + 1500 * 20.0 + 1500 * 20.0, 1e-6);
  for (size_t m = 1; m < months; ++m) {
    auto stock = [&](const char* s, size_t mm) { return month_total(s, mm); };
    auto flow = [&](const char* s) { return month_total(s, m); };
    double pop = 0;
    for (const char* s : {"stock_home", "stock_applicant", "stock_pre_departure",
                          "stock_abroad_legal", "stock_abroad_irregular", "stock_settled"})
      pop += stock(s, m);
    EXPECT_NEAR(pop, population, 1e-6) << "month " << m;
    // abroad_legal: + deployments + regularisations - returns - overstays - settlements - exits.
    const double legal = stock("stock_abroad_legal", m - 1) + flow("deployments") +
                         flow("regularisations") - flow("returns_on_time") - flow("early_returns") -
                         flow("overstays") - flow("searcher_overstays") - flow("absconds") -
                         flow("settled_at_end") - flow("settled_during") -
                         flow("exits_abroad_legal");
    EXPECT_NEAR(stock("stock_abroad_legal", m), legal, 1e-6) << "month " << m;
    const double irregular = stock("stock_abroad_irregular", m - 1) + flow("irregular_entries") +
                             flow("overstays") + flow("searcher_overstays") + flow("absconds") -
                             flow("irregular_returns") - flow("deportations") -
                             flow("regularisations") - flow("exits_abroad_irregular");
    EXPECT_NEAR(stock("stock_abroad_irregular", m), irregular, 1e-6) << "month " << m;
    const double applicant = stock("stock_applicant", m - 1) + flow("applications") -
                             flow("roster_lapses") - flow("withdrawals") - flow("selections") -
                             flow("exits_applicant");
    EXPECT_NEAR(stock("stock_applicant", m), applicant, 1e-6) << "month " << m;
    const double pre = stock("stock_pre_departure", m - 1) + flow("selections") -
                       flow("deployments") - flow("fraud_victims") - flow("exits_pre_departure");
    EXPECT_NEAR(stock("stock_pre_departure", m), pre, 1e-6) << "month " << m;
  }
}

TEST(Engine, OutputsCarryEveryRegisteredIndicatorWithUnits) {
  const Spec spec = load_default({});
  const RunResults r = run_simulation(spec);
  const size_t C = r.axes.at("schemes").size();
  for (const auto& info : kIndicatorInfo) {
    const Dataset* ts = r.find("timeseries/" + std::string(info.name));
    ASSERT_NE(ts, nullptr) << info.name;
    EXPECT_EQ(ts->shape, (std::vector<size_t>{1, static_cast<size_t>(spec.run.months), C, 2}));
    EXPECT_FALSE(ts->units.empty());
    ASSERT_NE(r.find("summary/" + std::string(info.name)), nullptr) << info.name;
  }
  for (const auto& ratio : kRatios) {
    for (const char* suffix : {"", "_num", "_den"})
      EXPECT_NE(r.find("summary/" + std::string(ratio.name) + suffix), nullptr) << ratio.name;
  }
  EXPECT_EQ(r.axes.at("sex"), (std::vector<std::string>{"female", "male"}));
  EXPECT_NE(r.find("levers/ph_sa_domestic/fee_cap_months"), nullptr);
}

TEST(EngineLevers, FeeCapZeroWithFullComplianceMeansNoWorkerPaysAFee) {
  // Employer pays travel; documents and premium set to 0: the fee is the only cost left.
  const Spec spec =
      load_default({"schemes.ph_sa_domestic.compliance=1", "corridors.ph_sa.documents=0",
                    "schemes.ph_sa_domestic.welfare_premium=0"});
  const RunResults r = run_simulation(spec);
  const int ch = channel_index(r, "ph_sa_domestic");
  EXPECT_GT(total(r, "summary/deployments", ch), 0.0);
  EXPECT_EQ(total(r, "summary/recruitment_cost_usd", ch), 0.0);
}

TEST(EngineLevers, RaisingComplianceLowersMeanWorkerPaidCost) {
  auto cost = [&](const char* c) {
    const RunResults r = run_simulation(load_default(
        {std::string("schemes.ph_sa_other.compliance=") + c, "origins.ph.agents=6000"}));
    const int ch = channel_index(r, "ph_sa_other");
    return total(r, "summary/recruitment_cost_usd_mean_num", ch) /
           total(r, "summary/recruitment_cost_usd_mean_den", ch);
  };
  EXPECT_LT(cost("1"), cost("0"));
}

TEST(EngineLevers, NoAssuredReentryMeansNoReentries) {
  const RunResults r = run_simulation(load_default(
      {"schemes.mx_ca_seasonal.assured_reentry=false", "schemes.mx_ca_seasonal.kind=\"seasonal\"",
       "schemes.mx_ca_seasonal.named_rehire=false",
       "schemes.ma_es_bilateral.assured_reentry=false"}));
  EXPECT_EQ(total(r, "summary/rehire_offers"), 0.0);
  const RunResults with = run_simulation(load_default({}));
  EXPECT_GT(total(with, "summary/rehire_offers"), 0.0);
}

TEST(EngineLevers, EmployerPaidTravelLowersWorkerCostByTravel) {
  auto mean_cost = [&](const char* pays) {
    const RunResults r = run_simulation(
        load_default({std::string("schemes.ma_es_bilateral.employer_pays_travel=") + pays}));
    const int ch = channel_index(r, "ma_es_bilateral");
    return total(r, "summary/recruitment_cost_usd_mean_num", ch) /
           total(r, "summary/recruitment_cost_usd_mean_den", ch);
  };
  // Government selection, admin fee 0: cost is documents (+ travel when the worker pays).
  EXPECT_NEAR(mean_cost("false") - mean_cost("true"), 250.0, 1e-6);
}

}  // namespace
}  // namespace corridor

namespace corridor {
namespace {

// MODEL.md 7 (b) and (c): every agent's net worth in each currency changes by exactly its
// booked money categories every month (checked inside the engine, which throws on the
// first mismatch), and the categories summed over agents reconcile the aggregate net
// worth to the cent.
TEST(EngineMoney, EveryAgentsNetWorthChangesByItsBookedCategories) {
  const Spec spec = load_default(
      {"destinations.es.detection=0.02", "schemes.ma_es_bilateral.compulsory_savings=0.1",
       "schemes.ma_es_bilateral.social_security=0.05", "schemes.ma_es_bilateral.ss_portable=0.5",
       "schemes.ma_es_bilateral.return_bonus=200", "schemes.ma_es_bilateral.business_grant=5000",
       "schemes.ph_sa_other.loan_rate=0.06", "schemes.ph_sa_other.loan_max=2000",
       "schemes.ph_sa_other.remittance_tax=0.02", "destinations.sa.wage_tax=0.05"});
  RunOptions options;
  options.check_conservation = true;
  RunResults r;
  ASSERT_NO_THROW(r = run_simulation(spec, options));
  const size_t M = static_cast<size_t>(spec.run.months), O = spec.origins.size();
  const Dataset* nw_usd = r.find("money/net_worth_usd");
  const Dataset* nw_local = r.find("money/net_worth_local");
  const Dataset* nw0 = r.find("money/net_worth_initial");
  ASSERT_TRUE(nw_usd && nw_local && nw0);
  auto cents = [](double v) { return static_cast<int64_t>(std::llround(v * 100.0)); };
  int64_t moved = 0;
  for (size_t o = 0; o < O; ++o) {
    int64_t prev_usd = cents(nw0->data[o * 2 + 0]), prev_local = cents(nw0->data[o * 2 + 1]);
    for (size_t m = 0; m < M; ++m) {
      int64_t du = 0, dl = 0;
      for (const auto& info : kMoneyInfo) {
        const int64_t v = cents(r.find("money/" + std::string(info.name))->data[m * O + o]);
        (info.currency == Currency::kUsd ? du : dl) += info.sign * v;
        moved += v;
      }
      const int64_t now_usd = cents(nw_usd->data[m * O + o]),
                    now_local = cents(nw_local->data[m * O + o]);
      EXPECT_EQ(now_usd - prev_usd, du) << "origin " << o << " month " << m;
      EXPECT_EQ(now_local - prev_local, dl) << "origin " << o << " month " << m;
      prev_usd = now_usd;
      prev_local = now_local;
    }
  }
  EXPECT_GT(moved, 0);
  // Every category the run can touch is used.
  for (const char* c : {"wages", "bonuses", "wage_tax", "remittance_tax", "deportation_seizures",
                        "ss_nonportable_lost", "grants", "interest_accrued", "fees_agency",
                        "fees_smuggler", "conversions_out_usd", "conversions_in_local"}) {
    double s = 0;
    for (double v : r.find(std::string("money/") + c)->data) s += v;
    EXPECT_GT(s, 0.0) << c;
  }
}

}  // namespace
}  // namespace corridor

namespace corridor {
namespace {

// MODEL.md 4.3: a worker who loses the job without job mobility goes home that month, the
// fare paid by the employer if it pays travel, else by the worker.
TEST(EngineLevers, ReturnFareAfterJobLossIsPaidByWhoeverPaysTravel) {
  auto run = [](const char* employer_pays) {
    auto loaded =
        load_scenario(std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/engine/demand_drop.toml",
                      {"origins.ph.agents=3000", "origins.mx.agents=500", "origins.ma.agents=500",
                       "run.months=60", "run.burn_in=12", "run.replicates=1",
                       std::string("schemes.ph_sa_other.employer_pays_travel=") + employer_pays});
    EXPECT_TRUE(loaded.ok());
    RunOptions options;
    options.check_conservation = true;
    return run_simulation(*loaded.spec, options);
  };
  const RunResults worker = run("false");
  const RunResults employer = run("true");
  const int ch = channel_index(worker, "ph_sa_other");
  EXPECT_GT(total(worker, "summary/early_returns", ch), 0.0);
  EXPECT_GT(total(employer, "summary/early_returns", ch), 0.0);
  EXPECT_GT(total(worker, "summary/return_fares", ch), 0.0);
  EXPECT_EQ(total(employer, "summary/return_fares", ch), 0.0);
}

}  // namespace
}  // namespace corridor
