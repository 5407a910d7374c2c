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

// Types drawn at creation and kept for life (core v2 M2).
enum class MigrantType : uint8_t {
  kAccumulator = 0,   // values as they are
  kTargetEarner = 1,  // trip savings above the target count k times
  kSettler = 2,       // location preference -kappa_0
};

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
inline constexpr size_t kAgentBlock = 16384;
static_assert(kAgentBlock <= 32768, "sparse-column slots are int16_t indices within a block");

// State that only some agents hold at any time (loans while owed, the state of a trip while
// it lasts): a 2-byte slot per agent into its block's pool, taken on the first update and
// given back when the agent no longer needs it. Reading an agent without a slot gives T{}.
template <class T>
class SparseColumn {
 public:
  void resize(size_t n) {
    pools_.assign((n + kAgentBlock - 1) / kAgentBlock, Pool{});
    slot_.assign(n, -1);
  }
  bool has(size_t i) const { return slot_[i] >= 0; }
  int16_t slot(size_t i) const { return slot_[i]; }
  const T& get(size_t i) const {
    static const T kNone{};
    return has(i) ? pools_[i / kAgentBlock].items[static_cast<size_t>(slot_[i])] : kNone;
  }
  T& for_update(size_t i) {
    auto& pool = pools_[i / kAgentBlock];
    if (!has(i)) {
      if (pool.free.empty()) {
        pool.items.emplace_back();
        slot_[i] = static_cast<int16_t>(pool.items.size() - 1);
      } else {
        slot_[i] = pool.free.back();
        pool.free.pop_back();
        pool.items[static_cast<size_t>(slot_[i])] = T{};
      }
    }
    return pool.items[static_cast<size_t>(slot_[i])];
  }
  void release(size_t i) {
    if (!has(i)) return;
    pools_[i / kAgentBlock].free.push_back(slot_[i]);
    slot_[i] = -1;
  }
  // Slots in use, and slots held by the pools (in use or free), over all blocks.
  size_t in_use() const {
    size_t n = 0;
    for (const auto& p : pools_) n += p.items.size() - p.free.size();
    return n;
  }
  size_t capacity() const {
    size_t n = 0;
    for (const auto& p : pools_) n += p.items.size();
    return n;
  }

 private:
  struct Pool {
    std::vector<T> items;
    std::vector<int16_t> free;
  };
  std::vector<Pool> pools_;
  std::vector<int16_t> slot_;
};

// What an agent holds only from its selection (or crossing) until its return: balances
// abroad, the [ext] protection state, the cost of the trip and this month's pay abroad.
// Cleared at the return (TripState{} again), when its slot is given back.
struct TripState {
  int64_t wealth_base = 0;         // home savings at departure (local minor units)
  int64_t savings_abroad = 0;      // USD cents
  int64_t cs_balance = 0;          // compulsory savings (USD cents)
  int64_t ss_balance = 0;          // social security (USD cents)
  int64_t withheld = 0;            // [ext] pay withheld or cut on this trip (USD cents)
  int64_t advance = 0;             // [ext] destination-side advance outstanding (USD cents)
  int64_t deferred_fee = 0;        // [ext] fee above the cap collected abroad (USD cents)
  int64_t advance_instalment = 0;  // [ext] monthly deduction towards the advance (USD cents)
  int64_t received = 0;            // remittances the household received on this trip (local)
  double cost_paid = 0.0;          // worker-paid up-front cost of this trip (USD)
  double net_pay = 0.0;            // this month's net pay abroad (USD)
  float wage_cut = 0.0f;           // [ext] wage cut of a substituted contract (share)
  float shortfall = 0.0f;          // [ext] this month's wage shortfall (share)
  uint8_t cost_recorded = 1;       // cost ratio recorded for this trip
  uint8_t renewal = 0;             // renewal of the current contract: 0 open, 1 agreed, 2 not
  bool operator==(const TripState&) const = default;
};

// X(type, name, initial value, meaning)
#define CORRIDOR_AGENT_COLUMNS(X)                                                              \
  X(uint8_t, status, 0, "Status (Status enum)")                                                \
  X(uint8_t, snap_status, 0, "Status at the end of last month (the snapshot)")                 \
  X(uint32_t, generation, 0, "Generation of the id (ids are reused at exit)")                  \
  X(uint16_t, origin, 0, "Origin index")                                                       \
  X(uint16_t, stratum, 0, "Stratum of the agent's slot (AgentTable::stratum_weight)")          \
  X(uint8_t, sex, 0, "0 female, 1 male")                                                       \
  X(uint8_t, band, 0, "Skill band")                                                            \
  X(int16_t, age, 0, "Age in months")                                                          \
  X(float, h_home, 1.0f, "Human capital recognised at home")                                   \
  X(float, h_used, 1.0f, "Human capital used abroad")                                          \
  X(float, h_trip_start, 1.0f, "h_used at the start of the current trip")                      \
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
  X(uint8_t, mtype, 0, "Migrant type for life (MigrantType)")                                  \
  X(double, target, 0.0, "Target of a target earner (local)")                                  \
  X(int64_t, home_savings, 0, "Home savings (local minor units)")                              \
  X(int64_t, business_capital, 0, "Business capital (local minor units)")                      \
  X(int16_t, business_age, -1, "Months since the business started (-1 none)")                  \
  X(float, return_capital, 0.0f, "Capital of the last return not yet invested (local units)")  \
  X(int16_t, capital_channel, -1,                                                              \
    "Channel of the trip that financed the return capital or "                                 \
    "the running business")                                                                    \
  X(uint8_t, business_trained, 0, "Had business training")                                     \
  X(uint8_t, home_employed, 1, "Employed at home")                                             \
  X(uint8_t, others_employed, 0, "Other household members employed")                           \
  X(uint8_t, household, 4, "Household size")                                                   \
  X(int16_t, placement_until, -1, "Job placement raises job finding until this month")         \
  X(int16_t, loans_due_from, -1, "First month instalments fall due")                           \
  X(uint8_t, remit_phase, 0, "Month (mod 3) in which bunched remittances are sent")            \
  X(uint8_t, wealth_quintile, 0, "Quintile of home savings within the origin, this month")     \
  X(int32_t, record, -1, "Index of the current deployment record (-1 none)")                   \
  X(int16_t, legal_since, -1, "First month-end of the current spell abroad with legal status") \
  X(int16_t, legal_last, -1, "Last month-end abroad with legal status in the current trip")    \
  X(uint8_t, reunified, 0, "[ext] The settled agent's household has joined it")

struct AgentTable {
#define CORRIDOR_DECLARE_COLUMN(type, name, init, doc) std::vector<type> name;
  CORRIDOR_AGENT_COLUMNS(CORRIDOR_DECLARE_COLUMN)
#undef CORRIDOR_DECLARE_COLUMN
  SparseColumn<LoanSet> loans;         // while one of the three loans is open
  SparseColumn<TripState> trip_state;  // from selection or crossing to the return
  std::vector<double> stratum_weight;  // people an agent of each stratum stands for

  // People agent i stands for (its stratum's weight: the same for every agent of a stratum,
  // so it is not stored per agent).
  double weight(size_t i) const {
    return stratum_weight[stratum[i]];
  }

  size_t size() const {
    return status.size();
  }
  void resize(size_t n) {
#define CORRIDOR_RESIZE_COLUMN(type, name, init, doc) name.assign(n, static_cast<type>(init));
    CORRIDOR_AGENT_COLUMNS(CORRIDOR_RESIZE_COLUMN)
#undef CORRIDOR_RESIZE_COLUMN
    loans.resize(n);
    trip_state.resize(n);
  }
  // Reset agent i to the column defaults (used when an id is reused at exit).
  void reset(size_t i) {
    loans.release(i);
    trip_state.release(i);
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

  // Loans: closed loans read as Loan{}; the slot is given back once all three are closed.
  bool has_loans(size_t i) const {
    return loans.has(i);
  }
  const rules::Loan& loan(size_t i, int lender) const {
    return loans.get(i)[static_cast<size_t>(lender)];
  }
  LoanSet& loans_for_update(size_t i) {
    return loans.for_update(i);
  }
  void release_loans_if_closed(size_t i) {
    if (!loans.has(i)) return;
    for (const auto& l : loans.get(i))
      if (l.balance != 0) return;
    loans.release(i);
  }
  int64_t total_debt(size_t i) const {
    if (!loans.has(i)) return 0;
    int64_t d = 0;
    for (const auto& l : loans.get(i)) d += l.balance;
    return d;
  }

  // The trip state: read through a const table it costs nothing for an agent without one;
  // through a mutable table it is created on first use.
  const TripState& trip(size_t i) const {
    return trip_state.get(i);
  }
  TripState& trip(size_t i) {
    return trip_state.for_update(i);
  }
  void release_trip_if_clear(size_t i) {
    if (trip_state.has(i) && trip_state.get(i) == TripState{}) trip_state.release(i);
  }
};

}  // namespace corridor
