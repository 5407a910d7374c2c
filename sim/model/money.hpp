// Money categories (MODEL.md 6 and 7b/c): every change in an agent's net worth is booked
// to exactly one category, in its currency and integer minor units, so that
//   net worth(t) - net worth(t-1) = sum over categories of sign * amount
// holds for each agent and currency every month. Net worth in USD is savings abroad plus
// compulsory-savings and social-security balances; in local currency it is home savings
// plus business capital minus home-side debt. Categories with sign 0 move money between
// an agent's own accounts and are reported only.
#pragma once

#include <array>
#include <string_view>

namespace corridor {

enum class Currency : uint8_t { kUsd, kLocal };

// X(id, currency, sign, description)
#define CORRIDOR_MONEY(X)                                                                         \
  X(wages, kUsd, +1, "gross wages earned abroad")                                                 \
  X(bonuses, kUsd, +1, "return bonuses paid on on-time return")                                   \
  X(wage_tax, kUsd, -1, "wage tax at destination")                                                \
  X(living_costs, kUsd, -1, "living costs abroad")                                                \
  X(housing_costs, kUsd, -1, "housing costs abroad (not employer-paid)")                          \
  X(remittance_fees, kUsd, -1, "fixed and percentage remittance fees")                            \
  X(remittance_fx_margin, kUsd, -1, "exchange-rate margin on remittances")                        \
  X(remittance_tax, kUsd, -1, "tax on remittances")                                               \
  X(informal_losses, kUsd, -1, "remittances lost in informal channels")                           \
  X(deportation_seizures, kUsd, -1, "savings abroad lost on deportation")                         \
  X(forfeited_balances, kUsd, -1, "compulsory savings and social security forfeited")             \
  X(ss_nonportable_lost, kUsd, -1, "non-portable social security lost on return")                 \
  X(return_fares, kUsd, -1, "fares home paid by workers on early return")                         \
  X(recovered_wages, kUsd, +1, "[ext] withheld pay recovered by legal aid on return")             \
  X(fees_agency_abroad, kUsd, -1, "[ext] agency fees above the cap collected abroad (advance)")   \
  X(advance_written_off, kUsd, +1, "[ext] advance still owed when the trip ends, forgiven")       \
  X(conversions_out_usd, kUsd, -1, "USD converted to local currency (remittances, return, exit)") \
  X(payouts_cs, kUsd, 0, "compulsory savings paid out on return (own accounts)")                  \
  X(payouts_ss, kUsd, 0, "portable social security paid out on return (own accounts)")            \
  X(home_income, kLocal, +1, "the agent's own home earnings")                                     \
  X(other_household_income, kLocal, +1, "other household members' earnings")                      \
  X(business_income, kLocal, +1, "business income")                                               \
  X(grants, kLocal, +1, "reintegration grants")                                                   \
  X(conversions_in_local, kLocal, +1, "local currency received from conversions")                 \
  X(debt_written_off, kLocal, +1, "home-side debt written off (defaults, exits)")                 \
  X(consumption_subsistence, kLocal, -1, "household subsistence consumption")                     \
  X(interest_accrued, kLocal, -1, "interest accrued on home-side debt")                           \
  X(fees_agency, kLocal, -1, "agency fees paid by workers")                                       \
  X(fees_admin, kLocal, -1, "administrative fees paid by workers")                                \
  X(fees_documents, kLocal, -1, "document costs paid by workers")                                 \
  X(fees_travel, kLocal, -1, "travel paid by workers")                                            \
  X(fees_training, kLocal, -1, "training paid by workers")                                        \
  X(welfare_premiums, kLocal, -1, "welfare fund premiums")                                        \
  X(fees_smuggler, kLocal, -1, "smuggler fees")                                                   \
  X(business_capital_lost, kLocal, -1, "business capital lost on failure")                        \
  X(interest_paid, kLocal, 0, "interest paid (the accrual is the cost)")                          \
  X(loans_disbursed, kLocal, 0, "loans disbursed (own accounts)")                                 \
  X(principal_repaid, kLocal, 0, "principal repaid (own accounts)")                               \
  X(business_investment, kLocal, 0, "home savings invested in a business (own accounts)")         \
  X(exit_transfers, kLocal, 0, "wealth passed to the entrant at an exit (same household)")

enum class Money : int {
#define CORRIDOR_MONEY_ENUM(id, cur, sign, desc) id,
  CORRIDOR_MONEY(CORRIDOR_MONEY_ENUM)
#undef CORRIDOR_MONEY_ENUM
      kCount
};
inline constexpr int kMoneyCategories = static_cast<int>(Money::kCount);

struct MoneyInfo {
  std::string_view name;
  Currency currency;
  int sign;
  std::string_view description;
};

inline constexpr std::array<MoneyInfo, kMoneyCategories> kMoneyInfo = {{
#define CORRIDOR_MONEY_INFO(id, cur, sign, desc) {#id, Currency::cur, sign, desc},
    CORRIDOR_MONEY(CORRIDOR_MONEY_INFO)
#undef CORRIDOR_MONEY_INFO
}};

}  // namespace corridor
