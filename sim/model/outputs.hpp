// The output registry: every indicator recorded by scheme (channel) and sex each month,
// declared once with its kind, unit and meaning. The engine accumulates into arrays
// laid out by this table; the output file and docs/OUTPUTS.md are generated from it.
#pragma once

#include <array>
#include <string_view>

namespace corridor {

enum class Kind : uint8_t { kFlow, kStock, kMoney };

// X(id, kind, units, description)
#define CORRIDOR_INDICATORS(X)                                                                     \
  X(applications, kFlow, "people per month", "home -> applicant (offer acceptors included)")       \
  X(roster_lapses, kFlow, "people per month", "applicant -> home: roster validity lapsed")         \
  X(withdrawals, kFlow, "people per month", "applicant -> home: actual cost could not be raised")  \
  X(selections, kFlow, "people per month", "applicant -> pre_departure")                           \
  X(deployments, kFlow, "people per month", "pre_departure -> abroad_legal")                       \
  X(irregular_entries, kFlow, "people per month",                                                  \
    "home -> abroad_irregular (successful crossings)")                                             \
  X(irregular_attempts, kFlow, "attempts per month", "crossing attempts, failed ones included")    \
  X(first_crossings, kFlow, "people per month",                                                    \
    "successful crossings of agents with no earlier trip (C7)")                                    \
  X(first_returns_12m, kFlow, "people per month",                                                  \
    "returns or deportations from a first irregular trip within 12 months of the crossing (C7)")   \
  X(returns_on_time, kFlow, "people per month", "abroad_legal -> home at a contract end")          \
  X(early_returns, kFlow, "people per month", "abroad_legal -> home before the contract end")      \
  X(overstays, kFlow, "people per month", "abroad_legal -> abroad_irregular at a contract end")    \
  X(searcher_overstays, kFlow, "people per month",                                                 \
    "abroad_legal -> abroad_irregular after a failed job search")                                  \
  X(settled_at_end, kFlow, "people per month", "abroad_legal -> settled at a contract end")        \
  X(settled_during, kFlow, "people per month", "abroad_legal -> settled during a contract")        \
  X(irregular_returns, kFlow, "people per month", "abroad_irregular -> home by choice")            \
  X(deportations, kFlow, "people per month", "abroad_irregular -> home on detection")              \
  X(regularisations, kFlow, "people per month", "abroad_irregular -> abroad_legal in an amnesty")  \
  X(exits, kFlow, "people per month",                                                              \
    "agents leaving the population at the exit age (by status left)")                              \
  X(entries, kFlow, "people per month", "new agents entering at home")                             \
  X(exits_home, kFlow, "people per month", "exits from home")                                      \
  X(exits_applicant, kFlow, "people per month", "exits from applicant")                            \
  X(exits_pre_departure, kFlow, "people per month", "exits from pre_departure")                    \
  X(exits_abroad_legal, kFlow, "people per month", "exits from abroad_legal")                      \
  X(exits_abroad_irregular, kFlow, "people per month", "exits from abroad_irregular")              \
  X(exits_settled, kFlow, "people per month", "exits from settled")                                \
  X(reentries, kFlow, "people per month",                                                          \
    "deployments of agents with an earlier trip on the scheme")                                    \
  X(renewals, kFlow, "contracts per month", "contracts renewed at their end")                      \
  X(contract_ends, kFlow, "contracts per month",                                                   \
    "contract or season ends not followed by renewal")                                             \
  X(rehire_offers, kFlow, "offers per month", "re-hire offers made to eligible returnees")         \
  X(eligible_returnees, kFlow, "people per month",                                                 \
    "returnees eligible for re-hire at recruitment months")                                        \
  X(defaults, kFlow, "loans per month", "loans defaulting after 12 months in arrears")             \
  X(stock_home, kStock, "people", "at home at the end of the month (by last channel)")             \
  X(stock_applicant, kStock, "people", "applicants at the end of the month")                       \
  X(stock_pre_departure, kStock, "people", "selected, not yet departed")                           \
  X(stock_abroad_legal, kStock, "people", "abroad with legal status")                              \
  X(stock_abroad_irregular, kStock, "people", "abroad without legal status")                       \
  X(stock_settled, kStock, "people", "settled abroad")                                             \
  X(stock_returned, kStock, "people", "home with a completed trip (by the last trip's channel)")   \
  X(legal_employed, kStock, "people", "legal migrants employed abroad")                            \
  X(irregular_employed, kStock, "people", "irregular migrants employed abroad")                    \
  X(recruitment_cost_usd, kMoney, "USD", "worker-paid up-front cost at deployment (sum)")          \
  X(recruitment_cost_months, kMoney, "months of earnings",                                         \
    "up-front cost over first full month's earnings (sum over deployments)")                       \
  X(cost_ratio_imputed, kFlow, "people per month",                                                 \
    "cost ratios using the contract wage (no earnings in the first month)")                        \
  X(cost_ratios, kFlow, "people per month",                                                        \
    "deployments whose cost ratio was recorded (in their first work month)")                       \
  X(cost_over_1_month, kFlow, "people per month",                                                  \
    "deployments whose cost exceeds one month of earnings")                                        \
  X(debt_at_departure, kMoney, "USD", "home-side debt at departure (sum)")                         \
  X(debt_over_3_months, kFlow, "people per month",                                                 \
    "deployments with debt above 3 months of contract wage")                                       \
  X(earnings_abroad, kMoney, "USD", "gross wages earned abroad")                                   \
  X(remittances_sent, kMoney, "USD", "remittance principal sent")                                  \
  X(remittances_formal, kMoney, "USD", "remittance principal sent through formal channels")        \
  X(remittance_fees, kMoney, "USD", "fees and fx margin paid on remittances")                      \
  X(remittance_tax, kMoney, "USD", "remittance tax")                                               \
  X(remittances_received, kMoney, "local", "remittances received by households (local currency)")  \
  X(informal_losses, kMoney, "USD", "remittances lost in informal channels")                       \
  X(transfers, kFlow, "transfers per month", "remittance transfers")                               \
  X(savings_repatriated, kMoney, "local", "savings abroad converted home on return")               \
  X(forfeited_balances, kMoney, "USD", "compulsory savings and social security forfeited")         \
  X(debt_written_off, kMoney, "local", "home-side debt written off (defaults, exits)")             \
  X(interest_paid, kMoney, "local", "interest paid on home-side debt")                             \
  X(deportation_seizures, kMoney, "USD", "savings abroad lost on deportation")                     \
  X(fees_smuggler, kMoney, "USD", "smuggler fees paid")                                            \
  X(payouts, kMoney, "USD",                                                                        \
    "compulsory savings, portable social security and bonuses paid on return")                     \
  X(completed_trips, kFlow, "trips per month", "trips completed by a return")                      \
  X(skill_gain, kMoney, "h", "h_used gained on completed trips (sum)")                             \
  X(skill_recognized, kMoney, "h", "h_home gained on completed trips (sum)")                       \
  X(h_employed, kMoney, "h", "h_used of employed migrant-months (sum)")                            \
  X(h_idle, kMoney, "h", "h_used above the sector requirement of employed migrant-months (sum)")   \
  X(business_starts, kFlow, "businesses per month", "businesses started by returnees")             \
  X(business_failures, kFlow, "businesses per month", "businesses failed")                         \
  X(jobs_created, kFlow, "jobs per month", "hires by new businesses (reported, not fed back)")     \
  X(overstays_below_n, kFlow, "people per month",                                                  \
    "overstays of workers with fewer than N qualifying years")                                     \
  X(overstays_at_least_n, kFlow, "people per month",                                               \
    "overstays of workers with at least N qualifying years")                                       \
  X(contract_ends_below_n, kFlow, "contracts per month",                                           \
    "contract ends of workers with fewer than N qualifying years")                                 \
  X(contract_ends_at_least_n, kFlow, "contracts per month",                                        \
    "contract ends of workers with at least N qualifying years")                                   \
  X(net_gain, kMoney, "USD",                                                                       \
    "net gain of participants: earnings less costs, deductions, fees, losses and home income "     \
    "forgone, plus payouts")                                                                       \
  X(participants, kFlow, "people per month",                                                       \
    "trips started: deployments, successful crossings and failed crossing sequences")              \
  X(business_starts_cohort, kFlow, "businesses",                                                   \
    "businesses started, recorded in their start month, that can be followed 12 months")           \
  X(business_survivors_12m, kFlow, "businesses",                                                   \
    "of those, still running 12 months after the start (recorded in the start month)")             \
  X(absconds, kFlow, "people per month",                                                           \
    "[ext] abroad_legal -> abroad_irregular: left a tied employer")                                \
  X(fraud_victims, kFlow, "people per month", "[ext] pre_departure -> home: fee paid, no job")     \
  X(fraud_losses, kMoney, "USD", "[ext] up-front costs lost to recruitment fraud")                 \
  X(substituted, kFlow, "people per month", "[ext] deployments on a substituted contract")         \
  X(wage_theft_usd, kMoney, "USD", "[ext] pay withheld or cut below the contract wage")            \
  X(recovered_wages, kMoney, "USD", "[ext] withheld pay recovered by legal aid on return")         \
  X(welfare_payouts, kMoney, "USD",                                                                \
    "[ext] welfare fund payouts (fares home on early termination)")                                \
  X(reunifications, kFlow, "households per month", "[ext] households joining settled migrants")    \
  X(legal_spell_ends, kFlow, "people per month",                                                   \
    "legal spells abroad ended: returns, overstays, absconds, settlement, exits")                  \
  X(return_fares, kMoney, "USD", "fares home paid by workers on early return")                     \
  X(employer_costs, kMoney, "USD",                                                                 \
    "employer-paid travel, fee, training (at deployment) and housing (each work month)")           \
  X(loan_subsidy_cost, kMoney, "USD", "scheme-loan balances times the state's monthly points")     \
  X(grants_usd, kMoney, "USD", "reintegration grants at the month's exchange rate")                \
  X(bonuses, kMoney, "USD", "return bonuses paid")                                                 \
  X(welfare_premiums, kMoney, "USD", "welfare fund premiums paid at departure")                    \
  X(rem_sent_b0, kMoney, "USD", "remittance principal, transfers of USD 0-100")                    \
  X(rem_sent_b1, kMoney, "USD", "remittance principal, transfers of USD 100-200")                  \
  X(rem_sent_b2, kMoney, "USD", "remittance principal, transfers of USD 200-500")                  \
  X(rem_sent_b3, kMoney, "USD", "remittance principal, transfers of USD 500-1000")                 \
  X(rem_sent_b4, kMoney, "USD", "remittance principal, transfers of USD 1000 or more")             \
  X(rem_fees_b0, kMoney, "USD", "remittance fees and fx margin, transfers of USD 0-100")           \
  X(rem_fees_b1, kMoney, "USD", "remittance fees and fx margin, transfers of USD 100-200")         \
  X(rem_fees_b2, kMoney, "USD", "remittance fees and fx margin, transfers of USD 200-500")         \
  X(rem_fees_b3, kMoney, "USD", "remittance fees and fx margin, transfers of USD 500-1000")        \
  X(rem_fees_b4, kMoney, "USD", "remittance fees and fx margin, transfers of USD 1000 or more")    \
  X(cohort_size, kFlow, "people", "circularity cohort (first departure in [burn_in, months-120))") \
  X(trips_sum, kFlow, "trips", "trips of the cohort within 120 months")                            \
  X(trips_sumsq, kFlow, "trips^2", "squared trips of the cohort")                                  \
  X(multi_trip_count, kFlow, "people", "cohort members with two or more trips")                    \
  X(return_12m_den, kStock, "people", "legal migrants abroad at the end of the month (t_s)")       \
  X(return_12m_num, kStock, "people",                                                              \
    "of those abroad legally at the end of t_s, home by t_s + 12 (recorded at t_s)")

enum class Ind : int {
#define CORRIDOR_ENUM(id, kind, units, desc) id,
  CORRIDOR_INDICATORS(CORRIDOR_ENUM)
#undef CORRIDOR_ENUM
      kCount
};
inline constexpr int kIndicators = static_cast<int>(Ind::kCount);

struct IndicatorInfo {
  std::string_view name;
  Kind kind;
  std::string_view units;
  std::string_view description;
};

inline constexpr std::array<IndicatorInfo, kIndicators> kIndicatorInfo = {{
#define CORRIDOR_INFO(id, kind, units, desc) {#id, Kind::kind, units, desc},
    CORRIDOR_INDICATORS(CORRIDOR_INFO)
#undef CORRIDOR_INFO
}};

// Ratio indicators: summary value = sum(num) / sum(den) over the evaluation window.
struct RatioInfo {
  std::string_view name;
  Ind num;
  Ind num2;  // added to num when not equal to num (e.g. overstays + absconds)
  Ind den;
  std::string_view units;
  std::string_view description;
};

inline constexpr std::array<RatioInfo, 19> kRatios = {{
    {"return_rate", Ind::returns_on_time, Ind::returns_on_time, Ind::contract_ends, "share",
     "returns on time over contract ends"},
    {"overstay_rate", Ind::overstays, Ind::overstays, Ind::contract_ends, "share",
     "overstays over contract ends"},
    {"non_return_rate", Ind::overstays, Ind::absconds, Ind::legal_spell_ends, "share",
     "overstays plus absconds over legal spells ended"},
    {"share_substituted", Ind::substituted, Ind::substituted, Ind::deployments, "share",
     "[ext] deployments on a substituted contract"},
    {"overstay_rate_below_n", Ind::overstays_below_n, Ind::overstays_below_n,
     Ind::contract_ends_below_n, "share",
     "overstay rate among workers with fewer qualifying years than the residence path needs"},
    {"overstay_rate_at_least_n", Ind::overstays_at_least_n, Ind::overstays_at_least_n,
     Ind::contract_ends_at_least_n, "share",
     "overstay rate among workers with at least the qualifying years of the residence path"},
    {"net_gain_per_migrant", Ind::net_gain, Ind::net_gain, Ind::participants, "USD",
     "net gain per participant (MODEL.md 6; failed crossings count as zero-month spells)"},
    {"business_survival_12m", Ind::business_survivors_12m, Ind::business_survivors_12m,
     Ind::business_starts_cohort, "share",
     "businesses started in [burn_in, months - 12) still running 12 months later"},
    {"recruitment_cost_usd_mean", Ind::recruitment_cost_usd, Ind::recruitment_cost_usd,
     Ind::deployments, "USD", "mean worker-paid up-front cost per deployment"},
    {"recruitment_cost_months_mean", Ind::recruitment_cost_months, Ind::recruitment_cost_months,
     Ind::cost_ratios, "months of earnings",
     "mean worker-paid cost over the first full month's earnings (SDG 10.7.1)"},
    {"share_cost_over_1_month", Ind::cost_over_1_month, Ind::cost_over_1_month, Ind::cost_ratios,
     "share", "deployments whose cost exceeds one month of earnings"},
    {"debt_at_departure_mean", Ind::debt_at_departure, Ind::debt_at_departure, Ind::deployments,
     "USD", "mean home-side debt at departure"},
    {"share_debt_over_3_months", Ind::debt_over_3_months, Ind::debt_over_3_months, Ind::deployments,
     "share", "deployments with debt above 3 months of contract wage"},
    {"remittance_cost_pct", Ind::remittance_fees, Ind::remittance_fees, Ind::remittances_sent,
     "share", "remittance fees over principal (SDG 10.c)"},
    {"formal_share", Ind::remittances_formal, Ind::remittances_formal, Ind::remittances_sent,
     "share", "principal sent through formal channels over all principal"},
    {"skill_gain_mean", Ind::skill_gain, Ind::skill_gain, Ind::completed_trips, "h",
     "h_used gained per completed trip"},
    {"skill_recognized_mean", Ind::skill_recognized, Ind::skill_recognized, Ind::completed_trips,
     "h", "h_home gained per completed trip"},
    {"brain_waste_share", Ind::h_idle, Ind::h_idle, Ind::h_employed, "share",
     "idle h over all h of employed migrant-months"},
    {"employer_cost_per_worker_month", Ind::employer_costs, Ind::employer_costs,
     Ind::legal_employed, "USD per worker-month",
     "employer-paid up-front costs and housing over legal worker-months"},
}};

// Transfer-size bands of remittance costs (USD edges 0, 100, 200, 500, 1000, infinity).
inline constexpr std::array<double, 4> kTransferBandEdges = {100.0, 200.0, 500.0, 1000.0};
inline constexpr std::array<const char*, 5> kTransferBandNames = {"0-100", "100-200", "200-500",
                                                                  "500-1000", "1000+"};
inline int transfer_band(double usd) {
  int b = 0;
  while (b < 4 && usd >= kTransferBandEdges[static_cast<size_t>(b)]) ++b;
  return b;
}

}  // namespace corridor
