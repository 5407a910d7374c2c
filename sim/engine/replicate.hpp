// One replicate of a scenario: the agents, last month's aggregates and the accumulators,
// advanced month by month through the ten named phases of MODEL.md section 3.
#pragma once

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "engine/rng.hpp"
#include "engine/world.hpp"
#include "model/agents.hpp"
#include "model/money.hpp"
#include "model/outputs.hpp"
#include "model/spec.hpp"
#include "model/values.hpp"

namespace corridor {

inline int64_t to_minor(double amount) {
  return rules::round_half_even(amount * 100.0);
}
inline double from_minor(int64_t minor) {
  return static_cast<double>(minor) / 100.0;
}

// Origin accumulators (people-weighted), kOriginCols a month and origin.
inline constexpr int kUnemployed = 0, kLabourForce = 1;
inline constexpr int kPoor = 2;             // + household kind (abroad, returnee, never)
inline constexpr int kHouseholdMonths = 5;  // + household kind
inline constexpr int kDepartures = 8;       // + wealth quintile * 3 + band
inline constexpr int kHomeMonths = 23;      // + wealth quintile * 3 + band
inline constexpr int kOriginCols = 38;

// One legal deployment, for the summary-only statistics of MODEL.md 6 (medians and
// Kaplan-Meier estimates). Months are simulation months; -1 means "not (yet)".
struct DeploymentRecord {
  double cost_usd = 0.0;      // worker-paid up-front cost
  double debt_usd = 0.0;      // home-side debt at departure
  double interest_usd = 0.0;  // interest accrued on home-side debt since departure
  double recoup = 0.0;        // cumulative net earnings less home income forgone
  int16_t channel = -1;
  uint16_t stratum = 0;   // the agent's stratum (its weight: AgentTable::stratum_weight)
  int16_t month = 0;      // departure month
  int16_t repaid = -1;    // month the debt was cleared by payments
  int16_t recouped = -1;  // month the cost plus interest was covered
  int16_t trip_end = -1;  // month the trip ended (censors recouping)
  int16_t lost = -1;      // month the record was censored for good (exit, default)
  uint8_t sex = 0;
};
static_assert(sizeof(DeploymentRecord) == 48);

// Values of a scheme derived from the levers in force this month.
struct SchemeNow {
  int t0 = 1;  // processing + training months
  int H = 12;  // contract months (season length for seasonal schemes)
  bool seasonal = false;
  int m0 = 0, L = 0;
  int gap = 3;  // months home before a re-hire
  int roster = 6;
  double employer_cost = 0;  // c_s, USD a month
};

// Rolling sums of the last n months.
template <int N>
struct Ring {
  std::array<double, N> v{};
  void push(int64_t month, double x) { v[static_cast<size_t>(month % N)] = x; }
  double sum() const {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }
};

class Replicate {
 public:
  static constexpr size_t kBlock = kAgentBlock;

  // With `check_conservation`, every agent's net worth change is checked against its
  // booked money categories every month (MODEL.md 7b); a mismatch throws.
  Replicate(const Spec& spec, const World& world, int64_t replicate,
            bool check_conservation = false);
  void initialise();
  void step(int64_t month) { step(month, nullptr); }
  // The passes of a month, in the order step() runs them (bench/ times each one).
  static constexpr int kPasses = 12;
  static constexpr std::array<const char*, kPasses> kPassNames = {
      "snapshot",    "wealth_quintiles", "timeline",    "demography",
      "home_budget", "decide",           "select",      "work",
      "remit",       "contract_ends",    "reintegrate", "record"};
  // As step(month); when `pass_seconds` is set, adds the wall time of each pass to
  // pass_seconds[0 .. kPasses).
  void step(int64_t month, double* pass_seconds);
  // The day-one check and the b replication (core v2): whether agent i has made a
  // trip, and the chance that agent i, at home now and considering a move, chooses to
  // migrate (the logit of the migration decision over home_options(); -1 when the agent
  // cannot decide this month). The wage belief multiplies every foreign wage agents expect
  // in that decision (1 in runs): the earnings expectation Shrestha (2020) moved. Both are
  // probes for sim/check; a run never sets them.
  bool has_migrated(size_t i) const { return a_.prior_trip[i] != 0; }
  double move_probability(size_t i) const;
  void set_wage_belief(double factor) { wage_belief_ = factor; }
  // The stay-or-return choice of a legal worker on a scheme whose contract ends next month,
  // valued now as the contract end does (core v2 M1; renewal left out): the chance of staying
  // irregularly and its log-odds split into the money term (savings, balances, bonus, pay
  // and detection), what the return brings through re-entry and the residence path, and the
  // location preference. p < 0 for any other agent.
  struct ExitSplit {
    double p_stay = -1, money = 0, reentry_path = 0, kappa = 0;
  };
  ExitSplit exit_split(size_t i) const;
  // The money weight b the decisions use (the replication varies it at a fixed state);
  // negative = behaviour.b_money.
  void set_money_weight(double b) { b_override_ = b; }
  // With `unrationed`, schemes are valued as if selection were certain (P_sel = 1, no
  // availability term): the decision to migrate given a job, as in Shrestha's sample.
  void set_unrationed(bool unrationed) { unrationed_ = unrationed; }
  // Per-month outputs of this replicate: [month][channel + none][sex][indicator].
  const std::vector<double>& series() const { return series_; }
  // Per-month sector outputs: [month][sector][3] (demand, legal, irregular job-months).
  const std::vector<double>& sector_series() const { return sector_series_; }
  // Per-month origin outputs: [month][origin][kOriginCols].
  const std::vector<double>& origin_series() const { return origin_series_; }
  // Lever values in force each month: [month][scheme][lever] (numeric scheme levers).
  const std::vector<double>& lever_series() const { return lever_series_; }
  // Money categories each month: [month][origin][category] in minor units of the
  // category's currency; net worth at the end of each month: [month][origin][2] (USD,
  // local), and at the start of the run: [origin][2].
  const std::vector<int64_t>& money_series() const { return money_series_; }
  const std::vector<int64_t>& net_worth_series() const { return net_worth_series_; }
  const std::vector<int64_t>& net_worth_initial() const { return net_worth_initial_; }
  const AgentTable& agents() const { return a_; }
  // A deque: it grows by chunks, without the copy and the doubled capacity of a vector
  // (records accumulate over the whole run).
  const std::deque<DeploymentRecord>& records() const { return records_; }

 private:
  // Phases (MODEL.md 3).
  void phase_timeline();
  void phase_demography();
  void phase_home_budget();
  void phase_decide();
  void phase_select();
  void phase_work();
  void phase_remit();
  void phase_renewals();
  void phase_contract_ends();
  void phase_reintegrate();
  void phase_record();
  void update_aggregates(const double* month_outputs);

  // Helpers.
  Rng rng(Stream s, size_t i) const {
    return Rng(seed_, static_cast<uint64_t>(rep_), s, i, a_.generation[i],
               static_cast<uint64_t>(t_));
  }
  uint64_t key(Stream s, size_t i) const {
    return ranking_key(seed_, static_cast<uint64_t>(rep_), s, i, a_.generation[i],
                       static_cast<uint64_t>(t_));
  }
  double& acc(size_t i, int ch, Ind ind) {
    const size_t b = i / kBlock;
    const size_t c = ch < 0 ? static_cast<size_t>(n_ch_) : static_cast<size_t>(ch);
    return acc_[((b * (n_ch_ + 1) + c) * 2 + a_.sex[i]) * kIndicators + static_cast<size_t>(ind)];
  }
  void add(size_t i, int ch, Ind ind, double value = 1.0) {
    acc(i, ch, ind) += value * a_.weight(i);
  }
  // Books a change of agent i's net worth (or a move between its own accounts) in minor
  // units of the category's currency.
  void book(size_t i, Money c, int64_t minor) {
    money_acc_[((i / kBlock) * spec_.origins.size() + a_.origin[i]) * kMoneyCategories +
               static_cast<size_t>(c)] += minor;
    if (check_) {
      const auto& info = kMoneyInfo[static_cast<size_t>(c)];
      (info.currency == Currency::kUsd ? ledger_usd_ : ledger_local_)[i] += info.sign * minor;
    }
  }
  int64_t net_worth_usd(size_t i) const {
    return a_.trip(i).savings_abroad + a_.trip(i).cs_balance + a_.trip(i).ss_balance -
           a_.trip(i).advance;
  }
  int64_t net_worth_local(size_t i) const {
    return a_.home_savings[i] + a_.business_capital[i] - a_.total_debt(i);
  }
  void check_conservation();
  void origin_add(size_t i, int what, double value) {
    origin_acc_[((i / kBlock) * spec_.origins.size() + a_.origin[i]) * kOriginCols +
                static_cast<size_t>(what)] += value;
  }
  // f(begin, end) over blocks of agents, in parallel; a block is always the same agents,
  // so block accumulators combined in block order give the same sums for any thread count.
  template <class F>
  void for_blocks(F&& f) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, n_blocks_, 1),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t b = r.begin(); b != r.end(); ++b)
                          f(b * kBlock, std::min(a_.size(), (b + 1) * kBlock));
                      });
  }

  // Runs body(i) serially, in agent order, for the agents that satisfy pred(i); pred is
  // evaluated in parallel by block first. Equivalent to a serial loop over every agent that
  // tests pred(i) and then runs body(i), provided body(i) changes only agent i's state and
  // state that pred does not read.
  template <class P, class B>
  void serial_where(P&& pred, B&& body) {
    gather_.resize(std::max<size_t>(1, n_blocks_));
    for_blocks([&](size_t lo, size_t hi) {
      auto& g = gather_[lo / kBlock];
      g.clear();
      for (size_t i = lo; i < hi; ++i)
        if (pred(i)) g.push_back(static_cast<uint32_t>(i));
    });
    for (const auto& g : gather_)
      for (const uint32_t i : g) body(static_cast<size_t>(i));
  }

  // Creates agent i in stratum q (an index of strata_). An agent that exits is replaced by
  // an entrant of its slot's stratum (AgentTable::stratum), so its sex and bands stay those
  // of the stratum the slot was drawn for.
  void new_agent(size_t i, size_t q, bool entering);
  std::vector<std::pair<int, Stratum>> strata_;  // initialise: strata in agent order
  std::vector<size_t> stratum_end_;              // initialise: one past each stratum's last agent
  void derive_schemes();
  double x_now(int o) const;   // local units per USD this month
  double x_prev(int o) const;  // last month
  double home_wage_local(size_t i) const;
  double home_wage_usd(size_t i) const;  // at x(t-1)
  // Expected home income the agent's presence adds, in USD at x(t-1): the home wage times
  // the employment odds, or a business owner's own wage (the return on business capital is
  // kept by the household wherever the owner is, so it is neither gained nor forgone).
  double y_home_usd(size_t i) const;
  double scheme_wage(int s, size_t i) const;  // paid wage for agent i on scheme s (USD)
  double irregular_wage(int d, size_t i) const;
  double demand(int k, int64_t month) const;  // D_k at a month (this month's cycle and cost)
  double irregular_room(int k) const;         // U_k: irregular work sector k offers
  double perceived_cost(int s, size_t i) const;
  // The terms of one contract on a scheme (MODEL.md 4.1), in USD.
  struct ContractTerms {
    double a = 0;        // annuity a(t0, H)
    double g = 0;        // monthly gain g_c
    double D = 0;        // deferred payouts, discounted
    double K = 0;        // perceived up-front cost plus interest
    double fee = 0;      // the fee part of K
    double A = 0;        // instalment
    double net_emp = 0;  // net pay a month when employed (after living and housing)
    double idle = 0;     // living and housing a month when out of work
    double payout = 0;   // deferred payouts and bonus at the contract's end, undiscounted
    bool feasible = true;
  };
  ContractTerms contract_terms(int s, size_t i) const;
  double reselection(int s) const;
  values::ReturnTerms return_terms(int s, size_t i, const ContractTerms& c,
                                   int64_t qualifying_months, bool on_time) const;
  int64_t qualifying_months_at_end(size_t i, int s) const;
  double scheme_gain(int s, size_t i, double* g_out, double* annual_A) const;
  // The value of one contract on scheme s for agent i against staying at home (core v2 M0),
  // as the utility b [(V_c - V_home) / unit - kappa_i away_c]; -inf when infeasible.
  double contract_utility(int s, size_t i) const;
  double scheme_utility(int s, size_t i) const;
  void home_options(size_t i, std::vector<double>& util, std::vector<int>& opt) const;
  double route_utility(int c, size_t i) const;
  bool eligible(int s, size_t i) const;
  bool feasible(double cost_usd, size_t i, int s) const;
  double borrowing_limit_local(size_t i, int lender, int s) const;
  void start_trip(size_t i, int ch);
  void depart(size_t i);  // phase 5: a selected worker leaves
  void cross(size_t i);   // phase 5: a pending irregular crossing attempt
  void end_trip(size_t i, Ind flow, TripEnd how);
  void go_irregular(size_t i, Ind flow, TripEnd how = TripEnd::kOverstay);
  void pay_return_fare(size_t i, bool job_loss);
  double fee_median(int s) const;         // agency fee median with scarcity rents [ext]
  double substitution_risk(int s) const;  // [ext] 4.8
  double debt_usd(size_t i) const;        // home-side debt at x(t-1) plus any advance
  // What an on-time return (or, with `on_time` false, an early one) brings agent i: balances,
  // bonus, re-entry and the residence path (`extra_months` of qualifying work beyond the
  // current contract, for a renewal).
  values::ReturnTerms terms_at_end(size_t i, bool on_time, int64_t extra_months = 0) const;
  // The money scale of agent i's household (core v2 M0), and the location preference
  // kappa_i (core v2 M1) after `months_abroad` continuous months abroad.
  values::Scale scale(size_t i) const;
  // money_unit_ of each origin from its agents at month 0 (agents of origin o are
  // origin_begin[o] to origin_begin[o + 1] - 1).
  void set_money_units(const std::vector<size_t>& origin_begin);
  double household_consumption_local(size_t i) const;  // c_other + the agent's home income
  double home_preference(size_t i, int64_t months_abroad) const;
  // Utility of option v over the reference v0 (core v2 M0, M1):
  //   b [(v.u - v0.u) / unit - kappa_i (v.away - v0.away)].
  double choice_utility(size_t i, const values::Value& v, const values::Value& v0,
                        int64_t months_abroad) const;
  int64_t months_abroad(size_t i) const;  // continuous months abroad on this trip
  // V_stay of 4.5 over T months ahead (values::value_stay), savings abroad included.
  values::Value stay_value(size_t i, int d, int64_t T) const;
  bool prefers_staying(size_t i, int d, const values::Value& v_alt, int64_t T, Rng& r) const;
  values::Value early_return_value(size_t i, int64_t T) const;
  std::array<double, 3> contract_end_utilities(size_t i, bool renewal_open) const;
  double p_irr_now(int d) const;
  double contract_net_pay(size_t i) const;
  double nonpayment_risk(int s) const;
  // Runs a household's monthly budget (local currency): consumption, loans, saving,
  // poverty. `away` says whether the agent itself is abroad (its own subsistence is
  // then paid abroad).
  void household_budget(size_t i, int64_t own, int64_t other, int64_t business, int64_t received,
                        bool away);
  void pay_loans(size_t i, int64_t& avail, bool away);
  // Other household members' employment transitions and their earnings (local minor).
  int64_t other_income(size_t i, Rng& r);
  // Business income of agent i's household (local minor): the return on capital, plus the
  // owner's own wage when `owner_present`.
  int64_t business_income_local(size_t i, bool owner_present) const;
  double slots_for(int s);  // market clearing 1 slots this month (people)
  double psel(int s) const;
  double pemp(int s) const;
  double qrate(int s) const;
  double prevalence_of_origin(int o) const;
  double p_irr_at(int d, int64_t month) const;  // irregular employment odds expected
  double months_to_exit(size_t i) const;
  // Pays up-front costs given in USD by category from home savings, then loans (scheme,
  // family, moneylender), converting at x(t); the instalment is shared by lender.
  void pay_upfront(size_t i, std::span<const std::pair<Money, double>> costs_usd, int s,
                   double instalment_local);

  const Spec& spec_;
  const World& w_;
  Spec lev_;  // working copy of the levers (timeline applied)
  int64_t rep_;
  uint64_t seed_;
  int64_t t_ = 0;
  int n_ch_;
  size_t n_blocks_ = 0;
  AgentTable a_;
  double beta_;
  double wage_belief_ = 1.0;
  double b_override_ = -1.0;
  bool unrationed_ = false;
  std::vector<double> money_unit_;  // per origin: u'(c_bar) w_bar at month 0 (core v2 M0)
  std::vector<SchemeNow> sn_;
  std::vector<double> acc_;
  std::vector<double> origin_acc_;  // [block][origin][kOriginCols]
  void assign_wealth_quintiles();
  std::vector<int64_t> money_acc_;             // [block][origin][category]
  std::vector<int64_t> nw_acc_;                // [block][origin][2]: net worth USD, local
  std::vector<std::vector<uint32_t>> gather_;  // serial_where: agents by block
  std::vector<std::vector<std::pair<uint64_t, uint32_t>>> keyed_;  // phase_work: (key, agent)
  bool check_ = false;
  std::vector<int64_t> ledger_usd_, ledger_local_, nw_usd_prev_, nw_local_prev_;
  std::vector<int64_t> money_series_, net_worth_series_, net_worth_initial_;

  // Last month's aggregates and rolling histories.
  std::vector<Ring<3>> slots_hist_, applicants_hist_;
  std::vector<Ring<12>> emp_hist_, legal_hist_, offers_hist_, eligible_hist_;
  std::vector<Ring<24>> ontime_hist_, reentry_hist_;  // on-time returns, re-entries by scheme
  std::vector<double> quota_used_;                    // this year (or season)
  std::vector<int64_t> recruit_rounds_;               // recruitment rounds held so far, by scheme
  std::vector<Ring<12>> rent_apps_hist_, rent_slots_hist_;  // [ext] last 12 recruitment rounds
  std::vector<double> legal_employed_by_scheme_;
  std::vector<double> sector_L_, sector_P_, sector_U_, sector_D_, sector_c0_;
  std::vector<Ring<12>> sector_renew_hist_, sector_end_hist_, sector_emp_hist_, sector_legal_hist_;
  std::vector<std::array<double, 12>> p_irr_by_cal_;  // by destination
  std::vector<double> dest_irr_N_, dest_U_;
  std::vector<uint8_t> amnesty_;    // by destination, this month
  std::vector<double> prevalence_;  // by corridor
  std::vector<double> origin_pop_;  // working-age people by origin (month 0)
  std::vector<double> x_now_, x_prev_;

  std::deque<DeploymentRecord> records_;
  std::vector<std::array<double, 64>> sector_ending_;  // contracts ending t..t+63 (people)
  std::vector<std::string> lever_paths_;               // scheme levers recorded each month
  std::vector<double> series_, sector_series_, origin_series_, lever_series_;
};

}  // namespace corridor
