// Agents, stored column-wise: one vector per field, declared once below. Allocation and
// resizing iterate the declaration; money is held in integer minor units (USD cents
// abroad, local minor units at home).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "model/rules.hpp"

namespace corridor {

enum class Status : uint8_t {
  kHome = 0,
  kApplicant,
  kPreDeparture,
  kAbroadLegal,
  kAbroadIrregular,
  kSettled,
};
inline constexpr int kStatuses = 6;
inline constexpr std::array<const char*, kStatuses> kStatusNames = {
    "home", "applicant", "pre_departure", "abroad_legal", "abroad_irregular", "settled"};

// Why a trip ended, which decides payouts and re-entry eligibility.
enum class TripEnd : uint8_t {
  kNone = 0,
  kOnTime,
  kEarly,
  kOverstay,
  kDeported,
  kIrregular,
  kAbsconded,
};

inline constexpr int kLenders = 3;  // scheme loan, family, moneylender (repayment order)
enum Lender : int { kSchemeLoan = 0, kFamily = 1, kMoneylender = 2 };
using LoanSet = std::array<rules::Loan, kLenders>;

// Agents are processed in blocks of this many consecutive agents; a block is always handled
// by one thread at a time, so state kept per block needs no locks.
inline constexpr size_t kAgentBlock = 4096;

// Loans are sparse: most agents owe nothing, so an agent's three loans live in its block's
// pool only while one of them is open (AgentTable::loan_slot), and the slot is given back
// when all three are closed.
struct LoanPool {
  std::vector<LoanSet> sets;
  std::vector<int16_t> free;
};

// X(type, name, initial value, meaning)
#define CORRIDOR_AGENT_COLUMNS(X)                                                              \
  X(uint8_t, status, 0, "Status (Status enum)")                                                \
  X(uint8_t, snap_status, 0, "Status at the end of last month (the snapshot)")                 \
  X(uint32_t, generation, 0, "Generation of the id (ids are reused at exit)")                  \
  X(uint16_t, origin, 0, "Origin index")                                                       \
  X(double, weight, 1.0, "People this agent stands for")                                       \
  X(uint8_t, sex, 0, "0 female, 1 male")                                                       \
  X(uint8_t, band, 0, "Skill band")                                                            \
  X(int16_t, age, 0, "Age in months")                                                          \
  X(float, h_home, 1.0f, "Human capital recognised at home")                                   \
  X(float, h_used, 1.0f, "Human capital used abroad")                                          \
  X(float, h_trip_start, 1.0f, "h_used at the start of the current trip")                      \
  X(float, theta, 0.0f, "Taste for staying at home")                                           \
  X(int16_t, channel, -1, "Current or last channel (scheme, route, regularised)")              \
  X(int16_t, sector, -1, "Current destination sector (global index)")                          \
  X(int16_t, applied_month, -1, "Month of application")                                        \
  X(uint8_t, tier1, 0, "Accepted re-hire offer or named re-hire applicant")                    \
  X(int16_t, start_month, -1, "First work month of the current contract")                      \
  X(int16_t, contract_end, -1, "Last work month of the current contract")                      \
  X(int16_t, trip_start, -1, "Month the current trip started")                                 \
  X(int16_t, trips, 0, "Trips made")                                                           \
  X(int16_t, first_departure, -1, "Month of the first departure (-1 none)")                    \
  X(int16_t, cohort_trips, 0, "Trips within 120 months of the first departure")                \
  X(uint8_t, cohort_member, 0, "First departure inside the circularity window")                \
  X(int8_t, qual_years, 0, "Qualifying years on the current scheme")                           \
  X(int16_t, qual_months, 0, "Legal work months towards the next qualifying year")             \
  X(int16_t, last_scheme, -1, "Scheme of the last legal trip")                                 \
  X(int16_t, return_month, -1, "Month of the last return")                                     \
  X(uint8_t, trip_end, 0, "How the last trip ended (TripEnd)")                                 \
  X(uint8_t, employed_abroad, 0, "Employed abroad this month")                                 \
  X(int8_t, search_left, 0, "Months of job search left")                                       \
  X(int8_t, renewals_used, 0, "Renewals used on the current contract")                         \
  X(int8_t, attempts_left, 0, "Irregular crossing attempts left (0 = none pending)")           \
  X(int16_t, route_pending, -1, "Route of pending crossing attempts")                          \
  X(int16_t, ban_until, -1, "Deportation ban ends this month")                                 \
  X(uint8_t, informed, 0, "Informed about wages and fees")                                     \
  X(uint8_t, was_uninformed, 0, "Uninformed when deployed (first-month check)")                \
  X(uint8_t, bank, 0, "Has a bank account")                                                    \
  X(int8_t, last_rem_channel, -1, "Last remittance channel")                                   \
  X(uint8_t, prior_trip, 0, "Has made a trip")                                                 \
  X(uint8_t, target_saver, 0, "Target saver type")                                             \
  X(double, target, 0.0, "Savings target (local)")                                             \
  X(int64_t, wealth_base, 0, "Home savings at departure (local minor units)")                  \
  X(int64_t, savings_abroad, 0, "Savings abroad (USD cents)")                                  \
  X(int64_t, home_savings, 0, "Home savings (local minor units)")                              \
  X(int64_t, cs_balance, 0, "Compulsory savings balance (USD cents)")                          \
  X(int64_t, ss_balance, 0, "Social security balance (USD cents)")                             \
  X(int64_t, business_capital, 0, "Business capital (local minor units)")                      \
  X(int16_t, business_age, -1, "Months since the business started (-1 none)")                  \
  X(uint8_t, business_trained, 0, "Had business training")                                     \
  X(uint8_t, home_employed, 1, "Employed at home")                                             \
  X(uint8_t, others_employed, 0, "Other household members employed")                           \
  X(uint8_t, household, 4, "Household size")                                                   \
  X(int16_t, placement_until, -1, "Job placement raises job finding until this month")         \
  X(int16_t, loans_due_from, -1, "First month instalments fall due")                           \
  X(double, cost_paid, 0.0, "Worker-paid up-front cost of the current trip (USD)")             \
  X(uint8_t, cost_recorded, 1, "Cost ratio recorded for the current trip")                     \
  X(uint8_t, remit_phase, 0, "Month (mod 3) in which bunched remittances are sent")            \
  X(uint8_t, wealth_quintile, 0, "Quintile of home savings within the origin, this month")     \
  X(int32_t, record, -1, "Index of the current deployment record (-1 none)")                   \
  X(int16_t, legal_since, -1, "First month-end of the current spell abroad with legal status") \
  X(int16_t, legal_last, -1, "Last month-end abroad with legal status in the current trip")    \
  X(float, wage_cut, 0.0f, "[ext] Wage cut of a substituted contract (share)")                 \
  X(int64_t, withheld, 0, "[ext] Pay withheld or cut on the current trip (USD cents)")         \
  X(int64_t, advance, 0, "[ext] Destination-side advance outstanding (USD cents)")             \
  X(int64_t, deferred_fee, 0, "[ext] Fee above the cap to be collected abroad (USD cents)")    \
  X(int64_t, advance_instalment, 0, "[ext] Monthly deduction towards the advance (USD cents)") \
  X(uint8_t, reunified, 0, "[ext] The settled agent's household has joined it")                \
  X(int16_t, loan_slot, -1, "Slot of the agent's loans in its block's pool (-1: owes nothing)")

struct AgentTable {
#define CORRIDOR_DECLARE_COLUMN(type, name, init, doc) std::vector<type> name;
  CORRIDOR_AGENT_COLUMNS(CORRIDOR_DECLARE_COLUMN)
#undef CORRIDOR_DECLARE_COLUMN
  std::vector<LoanPool> loan_pools;  // one per block of kAgentBlock agents

  size_t size() const {
    return status.size();
  }
  void resize(size_t n) {
#define CORRIDOR_RESIZE_COLUMN(type, name, init, doc) name.assign(n, static_cast<type>(init));
    CORRIDOR_AGENT_COLUMNS(CORRIDOR_RESIZE_COLUMN)
#undef CORRIDOR_RESIZE_COLUMN
    loan_pools.assign((n + kAgentBlock - 1) / kAgentBlock, LoanPool{});
  }
  // Reset agent i to the column defaults (used when an id is reused at exit).
  void reset(size_t i) {
    release_loans(i);
#define CORRIDOR_RESET_COLUMN(type, name, init, doc) name[i] = static_cast<type>(init);
    CORRIDOR_AGENT_COLUMNS(CORRIDOR_RESET_COLUMN)
#undef CORRIDOR_RESET_COLUMN
  }
  Status st(size_t i) const {
    return static_cast<Status>(status[i]);
  }
  Status snap(size_t i) const {
    return static_cast<Status>(snap_status[i]);
  }

  // Loans. Reading an agent without a slot gives closed loans; loans_for_update gives it a
  // slot; release_loans_if_closed gives the slot back once every loan is closed.
  bool has_loans(size_t i) const {
    return loan_slot[i] >= 0;
  }
  const rules::Loan& loan(size_t i, int lender) const {
    static const rules::Loan kClosed{};
    return has_loans(i) ? set_of(i)[static_cast<size_t>(lender)] : kClosed;
  }
  LoanSet& loans_for_update(size_t i) {
    if (!has_loans(i)) {
      auto& pool = loan_pools[i / kAgentBlock];
      if (pool.free.empty()) {
        pool.sets.emplace_back();
        loan_slot[i] = static_cast<int16_t>(pool.sets.size() - 1);
      } else {
        loan_slot[i] = pool.free.back();
        pool.free.pop_back();
        pool.sets[static_cast<size_t>(loan_slot[i])] = LoanSet{};
      }
    }
    return loan_pools[i / kAgentBlock].sets[static_cast<size_t>(loan_slot[i])];
  }
  void release_loans(size_t i) {
    if (!has_loans(i)) return;
    loan_pools[i / kAgentBlock].free.push_back(loan_slot[i]);
    loan_slot[i] = -1;
  }
  void release_loans_if_closed(size_t i) {
    if (!has_loans(i)) return;
    for (const auto& l : set_of(i))
      if (l.balance != 0) return;
    release_loans(i);
  }
  int64_t total_debt(size_t i) const {
    if (!has_loans(i)) return 0;
    int64_t d = 0;
    for (const auto& l : set_of(i)) d += l.balance;
    return d;
  }

 private:
  const LoanSet& set_of(size_t i) const {
    return loan_pools[i / kAgentBlock].sets[static_cast<size_t>(loan_slot[i])];
  }
};

}  // namespace corridor
