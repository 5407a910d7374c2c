// The column store: resizing, resetting, and the sparse loan pool.
#include <gtest/gtest.h>

#include "engine/replicate.hpp"
#include "engine/world.hpp"
#include "input/scenario_loader.hpp"
#include "model/agents.hpp"

namespace corridor {
namespace {

TEST(AgentTable, AgentsWithoutASlotOweNothing) {
  AgentTable a;
  a.resize(3 * kAgentBlock + 5);
  EXPECT_EQ(a.loans.capacity(), 0u);
  for (size_t i : {size_t{0}, kAgentBlock, 3 * kAgentBlock + 4}) {
    EXPECT_FALSE(a.has_loans(i));
    EXPECT_EQ(a.total_debt(i), 0);
    for (int l = 0; l < kLenders; ++l) EXPECT_EQ(a.loan(i, l).balance, 0);
  }
}

TEST(AgentTable, LoanSlotsAreTakenPerBlockAndGivenBackWhenEveryLoanIsClosed) {
  AgentTable a;
  a.resize(2 * kAgentBlock);
  const size_t x = 7, y = 9, z = kAgentBlock + 1;
  a.loans_for_update(x)[kFamily].balance = 500;
  a.loans_for_update(y)[kMoneylender].balance = 300;
  a.loans_for_update(z)[kSchemeLoan].balance = 100;
  EXPECT_EQ(a.loans.capacity(), 3u);
  EXPECT_EQ(a.loans.in_use(), 3u);
  EXPECT_EQ(a.loans.slot(x), 0);
  EXPECT_EQ(a.loans.slot(y), 1);
  EXPECT_EQ(a.loans.slot(z), 0);  // the first slot of the second block's pool
  EXPECT_EQ(a.total_debt(x), 500);
  EXPECT_EQ(a.total_debt(y), 300);
  EXPECT_EQ(a.loan(y, kMoneylender).balance, 300);
  EXPECT_EQ(a.loan(y, kFamily).balance, 0);
  // A second update of the same agent keeps its slot.
  const int16_t slot = a.loans.slot(x);
  a.loans_for_update(x)[kSchemeLoan].balance = 50;
  EXPECT_EQ(a.loans.slot(x), slot);
  EXPECT_EQ(a.total_debt(x), 550);
  // Not released while a loan is open.
  a.loans_for_update(x)[kFamily].balance = 0;
  a.release_loans_if_closed(x);
  EXPECT_TRUE(a.has_loans(x));
  a.loans_for_update(x)[kSchemeLoan] = rules::Loan{};
  a.release_loans_if_closed(x);
  EXPECT_FALSE(a.has_loans(x));
  EXPECT_EQ(a.total_debt(x), 0);
  // The freed slot is reused, cleared, by the next borrower of the block.
  const size_t w = 11;
  auto& set = a.loans_for_update(w);
  EXPECT_EQ(a.loans.slot(w), slot);
  for (const auto& l : set) {
    EXPECT_EQ(l.balance, 0);
    EXPECT_EQ(l.instalment, 0);
    EXPECT_EQ(l.principal, 0);
  }
  EXPECT_EQ(a.loans.capacity(), 3u);
  // Resetting an agent (exit) gives its slot back.
  a.reset(y);
  EXPECT_FALSE(a.has_loans(y));
  EXPECT_EQ(a.loans.in_use(), 2u);
  EXPECT_EQ(a.loans.capacity(), 3u);
}

TEST(AgentTable, TheTripStateIsCreatedOnUpdateAndGivenBackWhenClear) {
  AgentTable a;
  a.resize(kAgentBlock + 1);
  const AgentTable& view = a;
  EXPECT_EQ(view.trip(3).savings_abroad, 0);
  EXPECT_EQ(view.trip(3).cost_recorded, 1);  // the defaults of a TripState
  EXPECT_FALSE(a.trip_state.has(3));         // reading through a const table creates nothing
  a.trip(3).savings_abroad = 12345;
  a.trip(3).cost_recorded = 0;
  EXPECT_TRUE(a.trip_state.has(3));
  EXPECT_EQ(view.trip(3).savings_abroad, 12345);
  a.release_trip_if_clear(3);
  EXPECT_TRUE(a.trip_state.has(3));  // not clear: kept
  a.trip(3) = TripState{};
  a.release_trip_if_clear(3);
  EXPECT_FALSE(a.trip_state.has(3));
  EXPECT_EQ(view.trip(3).savings_abroad, 0);
  a.trip(kAgentBlock).advance = 7;
  a.reset(kAgentBlock);  // exit gives the slot back
  EXPECT_FALSE(a.trip_state.has(kAgentBlock));
  EXPECT_EQ(a.trip_state.in_use(), 0u);
}

TEST(AgentTable, NoSlotLeaksOverARun) {
  // After every month of a run with loans, fees deducted abroad, fraud and returns:
  // an agent holds a loan slot exactly when it owes something, and no agent at home or
  // applying holds a trip state (it is given back at the return, on fraud and withdrawal).
  auto loaded = load_scenario(std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/philippines.toml",
                              {"run.months=60", "run.burn_in=12"});
  ASSERT_TRUE(loaded.ok());
  Spec spec = *loaded.spec;
  for (auto& o : spec.origins) {
    o.agents = std::min<int64_t>(o.agents, 6000);
    for (auto& st : o.strata) st.agents = std::min<int64_t>(st.agents, 3000);
  }
  const World world = build_world(spec);
  Replicate rep(spec, world, 0);
  rep.initialise();
  size_t owing = 0, on_trip = 0;
  for (int64_t m = 0; m < spec.run.months; ++m) {
    rep.step(m);
    const AgentTable& a = rep.agents();
    size_t debtors = 0, home_with_trip = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      const bool owes = a.total_debt(i) != 0;
      debtors += owes ? 1 : 0;
      ASSERT_EQ(a.has_loans(i), owes) << "agent " << i << " month " << m;
      const Status s = a.st(i);
      if ((s == Status::kHome || s == Status::kApplicant) && a.trip_state.has(i)) ++home_with_trip;
    }
    EXPECT_EQ(a.loans.in_use(), debtors) << "month " << m;
    EXPECT_EQ(home_with_trip, 0u) << "month " << m;
    owing = std::max(owing, debtors);
    on_trip = std::max(on_trip, a.trip_state.in_use());
  }
  EXPECT_GT(owing, 0u);  // the run did exercise both pools
  EXPECT_GT(on_trip, 0u);
}

}  // namespace
}  // namespace corridor
