#include "model/params.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cmath>

namespace corridor {
namespace {

constexpr const char* kAssumed = "assumed";

template <class E>
using Table = std::vector<Param<E>>;

}  // namespace

const std::vector<Param<RunSettings>>& run_params() {
  using E = RunSettings;
  static const Table<E> t = {
      {"name", "", -kInf, kInf, "", false, "Scenario name, written to the output file.", &E::name},
      {"months", "months", 1, 1200, "", false, "Months simulated, burn-in included.", &E::months},
      {"start_month", "calendar month", 0, 11, "", false,
       "Calendar month of month 0 (0 = January).", &E::start_month},
      {"seed", "", 0, 9.0e15, "", false, "Master seed of every random stream.", &E::seed},
      {"replicates", "runs", 1, 100000, "", false,
       "Independent replicates (streams keyed by replicate).", &E::replicates},
      {"burn_in", "months", 0, 1200, "", false,
       "Months excluded from summaries (must be below months).", &E::burn_in},
      {"threads", "threads", 0, 1024, "", false,
       "Worker threads (0 = all hardware threads); results do not depend on it.", &E::threads},
  };
  return t;
}

const std::vector<Param<Behaviour>>& behaviour_params() {
  using E = Behaviour;
  static const Table<E> t = {
      {"rho", "per month", 0, 0.5, kAssumed, false, "Monthly discount rate; beta = 1/(1+rho).",
       &E::rho},
      {"lambda", "per month", 0, 1, kAssumed, false,
       "Probability that an agent at home considers moving in a month (4.1; fitted by C5).",
       &E::lambda},
      {"b_money", "utility per home-wage month", 0, 100, "lit_shrestha_elasticity", false,
       "b of core v2 M0: utility of one riskless month of the origin's mean home wage to a "
       "household at the origin's median consumption (pinned by the Shrestha 2020 "
       "replication, `corridor calibrate --only B`).",
       &E::b_money},
      {"zeta", "share", 0, 0.99, kAssumed, false,
       "Share of subsistence below which utility is undefined (u's floor; swept 0.5-0.95).",
       &E::zeta},
      {"gamma", "", 0, 5, kAssumed, false,
       "Curvature of utility in consumption above the floor (swept 1-2).", &E::gamma},
      {"home_pref", "home-wage months per month abroad", -100, 100, "calibrated", false,
       "kappa_0 of core v2 M1: the location preference for home, per month abroad (fitted by C7 "
       "to first irregular trips' return within a year).",
       &E::home_pref},
      {"home_pref_family", "home-wage months per month abroad", 0, 100, kAssumed, false,
       "kappa_fam: added to home_pref while household members live at home (swept 0 to "
       "home_pref).",
       &E::home_pref_family},
      {"home_pref_fade", "per month abroad", 0, 1, kAssumed, false,
       "eta: the location preference falls as exp(-eta d) after d continuous months abroad "
       "(swept 0-0.03; part 2 pins it on multi-spell data).",
       &E::home_pref_fade},
      {"b_avail", "utility", 0, 10, kAssumed, false,
       "Weight of ln(P_sel) in a scheme's utility: a scheme that selects nobody gets no "
       "applicants (departure from MODEL.md 4.1; 0 restores the spec).",
       &E::b_avail},
      {"b_net", "utility", -10, 10, kAssumed, false, "Network effect b_net ln(1 + kappa prev).",
       &E::b_net},
      {"kappa", "", 0, 1000, kAssumed, false, "Network curvature.", &E::kappa},
      {"b_exp", "utility", -10, 10, kAssumed, false, "Utility of a prior trip.", &E::b_exp},
      {"i0", "per month", 0, 1, kAssumed, false, "Baseline monthly chance of becoming informed.",
       &E::i0},
      {"i1", "per month", 0, 10, kAssumed, false, "Information from network prevalence.", &E::i1},
      {"o_w", "share", -0.9, 2, kAssumed, false,
       "Wage optimism of agents without migration experience (swept -0.3 to 0.3).", &E::o_w},
      {"o_f", "share", 0, 1, "seed", false, "Share by which the uninformed under-estimate fees.",
       &E::o_f},
      {"uninformed_fee_markup", "ratio", 1, 10, kAssumed, false,
       "Median multiplier of the agency fee drawn by uninformed applicants.",
       &E::uninformed_fee_markup},
      {"b_cost", "utility per unit cost share", 0, 1000, kAssumed, false,
       "Cost coefficient of the remittance channel choice.", &E::b_cost},
      {"altruism", "share", 0, 1, "calibrated", false,
       "Share of surplus remitted by temporary migrants (fitted by C4, docs/CALIBRATION.md).",
       &E::altruism},
      {"settled_remit_ratio", "ratio", 0, 1, kAssumed, false,
       "Share of surplus remitted by settled migrants over that of temporary migrants (0.2 / 0.6 "
       "in the specification, MODEL.md 4.5).",
       &E::settled_remit_ratio},
      {"target_share", "share", 0, 1, kAssumed, false,
       "Share of target earners, drawn for life (core v2 M2; no data: swept 0 to 0.4).",
       &E::target_share},
      {"settler_share", "share", 0, 1, kAssumed, false,
       "Share of settlers, drawn for life: their location preference is -home_pref (core v2 "
       "M2; swept 0 to 0.3).",
       &E::settler_share},
      {"target_kink", "share", 0, 1, kAssumed, false,
       "k: weight a target earner puts on trip savings above the target (core v2 M2; swept 0 "
       "to 0.3).",
       &E::target_kink},
      {"target_median_months", "months of home income", 0, 1000, kAssumed, false,
       "Median target of target earners (origin currency).", &E::target_median_months},
      {"target_sd", "log units", 0, 5, kAssumed, false, "Lognormal sd of the targets.",
       &E::target_sd},
      {"learning", "h per month", 0, 1, kAssumed, false,
       "Monthly rise in h_used while employed abroad, up to the sector requirement.", &E::learning},
      {"recognition", "share", 0, 1, "lit_recognition_return", false,
       "Share of skill gained abroad recognised at home without certification.", &E::recognition},
      {"recognition_certified", "share", 0, 1, kAssumed, false,
       "Share recognised with certification.", &E::recognition_certified},
      {"omega", "share", 0, 5, kAssumed, false,
       "Earnings of each other household member as a share of the home wage.", &E::omega},
      {"sigma", "", 0, 20, kAssumed, false, "Substitution elasticity between schemes on a sector.",
       &E::sigma},
      {"irregular_reconsider", "per month", 0, 1, kAssumed, false,
       "r_0: monthly chance that a migrant free to leave (irregular, or legal on a scheme with "
       "job mobility) reconsiders staying.",
       &E::irregular_reconsider},
      {"horizon_stay", "months", 1, 600, kAssumed, false, "H_o, months valued at a contract end.",
       &E::horizon_stay},
      {"job_search_months", "months", 0, 24, kAssumed, false,
       "Months a legal worker with job mobility may search after losing a job.",
       &E::job_search_months},
      {"placement_divisor", "ratio", 0.01, 1, kAssumed, false,
       "Job placement divides the home job-finding rate by this.", &E::placement_divisor},
      {"placement_months", "months", 0, 120, kAssumed, false, "Months job placement lasts.",
       &E::placement_months},
      {"family_limit_base", "years of household income", 0, 20, kAssumed, false,
       "Family lending limit at zero prevalence.", &E::family_limit_base},
      {"family_limit_slope", "years of household income", 0, 20, kAssumed, false,
       "Rise of the family lending limit with prevalence.", &E::family_limit_slope},
      {"moneylender_rate", "per month", 0, 1, "lit_moneylender_rate", false,
       "Moneylender interest rate.", &E::moneylender_rate},
      {"moneylender_limit", "years of household income", 0, 20, kAssumed, false,
       "Moneylender lending limit.", &E::moneylender_limit},
      {"default_arrears_months", "months", 1, 600, kAssumed, false,
       "Months in arrears after which a loan defaults.", &E::default_arrears_months},
      {"rehire_max_home_months", "months", 0, 600, kAssumed, false,
       "Longest time at home after which a returnee is no longer offered re-hire.",
       &E::rehire_max_home_months},
      {"exit_age_years", "years", 20, 100, kAssumed, false, "Age at which agents exit.",
       &E::exit_age_years},
      {"entry_age_years", "years", 10, 60, kAssumed, false, "Age of entering agents.",
       &E::entry_age_years},
      {"business_threshold_months", "months of home income", 0, 1000, kAssumed, false,
       "Capital threshold for a business start.", &E::business_threshold_months},
      {"business_keep_months", "months of home income", 0, 1000, kAssumed, false,
       "Capital kept back from a business investment.", &E::business_keep_months},
      {"business_window_months", "months", 0, 600, kAssumed, false,
       "Months after return during which a business may start.", &E::business_window_months},
      {"g0", "utility", -50, 50, kAssumed, false, "Business-start constant.", &E::g0},
      {"g1", "utility", -50, 50, kAssumed, false, "Business start per log capital ratio.", &E::g1},
      {"g2", "utility", -50, 50, kAssumed, false, "Business start with business training.", &E::g2},
      {"r_k", "per month", 0, 1, "lit_return_to_capital", false,
       "Return to business capital at the threshold.", &E::r_k},
      {"r_k_elasticity", "", -5, 5, "lit_return_to_capital", false,
       "Elasticity of the return to capital.", &E::r_k_elasticity},
      {"business_failure", "per month", 0, 1, "lit_firm_death", false,
       "Monthly business failure hazard.", &E::business_failure},
      {"business_training_failure", "ratio", 0, 1, kAssumed, false,
       "Failure hazard multiplier with business training.", &E::business_training_failure},
      {"jobs_per_business", "jobs", 0, 100, kAssumed, false, "Hires per business (reported).",
       &E::jobs_per_business},
      {"disappointment_enabled", "0/1", 0, 1, kAssumed, false,
       "1 turns on the first-month disappointment check.", &E::disappointment_enabled},
      {"irregular_stay_enabled", "0/1", 0, 1, kAssumed, false,
       "1 lets legal migrants choose to stay irregularly (at contract ends, after a failed job "
       "search, on absconding events); 0 rules it out (tests).",
       &E::irregular_stay_enabled},
      {"fixed_remittance", "USD per month", 0, 1e7, "", false,
       "Test mode (MODEL.md 7, target saver): every migrant remits this amount monthly "
       "instead of the 4.4 rule; 0 = off.",
       &E::fixed_remittance},
      {"pi_sub_agency_prone", "probability", 0, 1, kAssumed, false,
       "[ext] Contract substitution at deployment: agency recruitment into a substitution-prone "
       "sector (domestic work, construction).",
       &E::pi_sub_agency_prone},
      {"pi_sub_government", "probability", 0, 1, kAssumed, false,
       "[ext] Contract substitution under government selection.", &E::pi_sub_government},
      {"pi_sub_other", "probability", 0, 1, kAssumed, false,
       "[ext] Contract substitution in other recruitment (not in MODEL.md; assumed equal to the "
       "government rate).",
       &E::pi_sub_other},
      {"sub_cut_min", "share", 0, 1, kAssumed, false,
       "[ext] Lowest wage cut of a substituted contract.", &E::sub_cut_min},
      {"sub_cut_max", "share", 0, 1, kAssumed, false,
       "[ext] Highest wage cut of a substituted contract.", &E::sub_cut_max},
      {"nonpayment_hazard", "per month", 0, 1, kAssumed, false,
       "[ext] Monthly chance that a substituted worker's pay is withheld.", &E::nonpayment_hazard},
      {"protection_factor", "ratio", 0, 1, kAssumed, false,
       "[ext] A standard contract and joint liability each multiply substitution and "
       "non-payment by this.",
       &E::protection_factor},
      {"legal_aid_recovery", "share", 0, 1, kAssumed, false,
       "[ext] Share of withheld pay that legal aid recovers, paid on return.",
       &E::legal_aid_recovery},
      {"mu_offer", "per month", 0, 10, kAssumed, false,
       "[ext] Outside offers of irregular work to a tied legal worker: monthly chance mu_offer "
       "x the destination's irregular employment odds (core v2 M1; swept 0.05-0.2). Absconding "
       "is considered only on such an offer, a month's pay withheld, the first month on a "
       "substituted contract, or a job loss.",
       &E::mu_offer},
      {"pi_fraud_uninformed", "probability", 0, 1, kAssumed, false,
       "[ext] Recruitment fraud under agency selection, uninformed applicants.",
       &E::pi_fraud_uninformed},
      {"pi_fraud_informed", "probability", 0, 1, kAssumed, false,
       "[ext] Recruitment fraud under agency selection, informed applicants.",
       &E::pi_fraud_informed},
      {"rent_elasticity", "", 0, 5, kAssumed, false,
       "[ext] Scarcity rents: the agency fee median is multiplied by (applicants / max(1, "
       "slots) of last month) to this power (0 turns rents off).",
       &E::rent_elasticity},
      {"deduction_months", "months", 1, 60, kAssumed, false,
       "[ext] Months over which fees deducted abroad are collected.", &E::deduction_months},
      {"advance_repayment_share", "share", 0, 1, kAssumed, false,
       "[ext] Largest share of net pay that repays a destination-side advance.",
       &E::advance_repayment_share},
      {"reunification", "per month", 0, 1, kAssumed, false,
       "[ext] Monthly chance that a settled agent's household joins it.", &E::reunification},
      {"reunified_remittance_share", "share", 0, 1, kAssumed, false,
       "[ext] Remittances after reunification as a share of their former level.",
       &E::reunified_remittance_share},
  };
  return t;
}

const std::vector<Param<Band>>& band_params() {
  using E = Band;
  static const Table<E> t = {
      {"share", "share", 0, 1, kAssumed, false, "Population share of the band (bands sum to 1).",
       &E::share},
      {"h0", "h", 0.01, 100, kAssumed, false, "Initial mean human capital.", &E::h0},
      {"home_wage", "local per month", 0, 1e12, kAssumed, true, "Monthly home wage at h0.",
       &E::home_wage},
      {"h_sd", "share", 0, 2, kAssumed, false, "Relative sd of initial h within the band.",
       &E::h_sd},
  };
  return t;
}

const std::vector<Param<Stratum>>& stratum_params() {
  using E = Stratum;
  static const Table<E> t = {
      {"agents", "agents", 0, 1e9, "", false, "Agents simulated in this stratum.", &E::agents},
      {"weight", "people per agent", 1e-9, 1e9, "", false, "People each agent stands for.",
       &E::weight},
      {"sex",
       "",
       -kInf,
       kInf,
       "",
       false,
       "Sex of the stratum's agents.",
       &E::sex,
       {"any", "female", "male"}},
      {"bands",
       "",
       -kInf,
       kInf,
       "",
       false,
       "Bands of the stratum's agents (empty = all).",
       &E::bands,
       {"low", "medium", "high"}},
      {"age_max_years", "years", 0, 100, "", false,
       "Highest age in the stratum (0 = the origin's).", &E::age_max_years},
  };
  return t;
}

const std::vector<Param<Origin>>& origin_params() {
  using E = Origin;
  static const Table<E> t = {
      {"agents", "agents", 0, 1e9, "", false, "Agents simulated (when no strata are given).",
       &E::agents},
      {"weight", "people per agent", 1e-9, 1e9, "", false,
       "People each agent stands for (when no strata are given).", &E::weight},
      {"share_female", "share", 0, 1, kAssumed, false, "Share of women.", &E::share_female},
      {"age_min_years", "years", 10, 100, kAssumed, false, "Youngest initial age.",
       &E::age_min_years},
      {"age_max_years", "years", 10, 100, kAssumed, false, "Oldest initial age.",
       &E::age_max_years},
      {"job_finding", "per month", 0, 1, kAssumed, true, "Home job-finding rate f.",
       &E::job_finding},
      {"separation", "per month", 0, 1, kAssumed, true, "Home separation rate sep.",
       &E::separation},
      {"household_size", "people", 1, 30, kAssumed, false, "Household size, migrant included.",
       &E::household_size},
      {"subsistence", "local per member-month", 0, 1e12, kAssumed, true,
       "Subsistence consumption per member.", &E::subsistence},
      {"poverty_line", "local per member-month", 0, 1e12, kAssumed, true,
       "Poverty line per member (0 = subsistence).", &E::poverty_line},
      {"share_bank_account", "share", 0, 1, kAssumed, false, "Share with a bank account.",
       &E::share_bank_account},
      {"share_informed", "share", 0, 1, kAssumed, false, "Initial share informed.",
       &E::share_informed},
      {"fx_base", "local per USD", 1e-9, 1e12, kAssumed, false, "Base exchange rate.", &E::fx_base},
      {"e_index", "index", 1e-6, 1e6, "", true, "Nominal exchange-rate index e(t).", &E::e_index},
      {"p_index", "index", 1e-6, 1e6, "", true, "Price-level index P(t).", &E::p_index},
      {"savings_median_months", "months of household income", 0, 1000, kAssumed, false,
       "Median initial home savings.", &E::savings_median_months},
      {"savings_sd", "log units", 0, 5, kAssumed, false, "Lognormal sd of initial savings.",
       &E::savings_sd},
  };
  return t;
}

const std::vector<Param<Sector>>& sector_params() {
  using E = Sector;
  static const Table<E> t = {
      {"demand", "jobs", 0, 1e10, kAssumed, true, "D0: foreign job stock.", &E::demand},
      {"season",
       "factor",
       0,
       100,
       kAssumed,
       false,
       "Seasonal factor per calendar month.",
       &E::season,
       {},
       12},
      {"cycle", "factor", 0, 100, kAssumed, true, "Business-cycle factor.", &E::cycle},
      {"req", "h", 0.01, 100, kAssumed, false, "Skill requirement.", &E::req},
      {"wage",
       "USD per month",
       0,
       1e9,
       kAssumed,
       false,
       "Market wage by band (low, medium, high).",
       &E::wage,
       {},
       3},
      {"wage_index", "factor", 0, 100, "", true, "Multiplies every band wage (timeline).",
       &E::wage_index},
      {"elasticity", "", -5, 0, "lit_labour_demand_elasticity", false,
       "Demand elasticity eps (fitted by C1).", &E::elasticity},
      {"substitution_prone", "", 0, 1, kAssumed, false,
       "[ext] Agency recruitment into this sector carries the higher substitution risk "
       "(domestic work, construction).",
       &E::substitution_prone},
      {"employer_sanctions", "", 0, 1, kAssumed, true,
       "Employers in this sector do not hire irregular migrants (sanctions enforced, or work "
       "tied to one employer, as in seasonal farm programmes): its unfilled demand offers no "
       "irregular work (core v2 M1).",
       &E::employer_sanctions},
  };
  return t;
}

const std::vector<Param<Destination>>& destination_params() {
  using E = Destination;
  static const Table<E> t = {
      {"living", "USD per month", 0, 1e9, kAssumed, true, "Living cost.", &E::living},
      {"housing", "USD per month", 0, 1e9, kAssumed, true, "Housing cost.", &E::housing},
      {"irregular_discount", "share", 0, 1, "lit_undocumented_wage_penalty", true,
       "Irregular wage discount.", &E::irregular_discount},
      {"p_irr_max", "share", 0, 1, kAssumed, true, "Maximum irregular employment rate.",
       &E::p_irr_max},
      {"detection", "per month", 0, 1, kAssumed, true, "Monthly detection probability delta.",
       &E::detection},
      {"deportation_loss", "share", 0, 1, kAssumed, true,
       "Share of savings abroad lost on deportation.", &E::deportation_loss},
      {"ban_months", "months", 0, 1200, kAssumed, true, "Re-entry ban after deportation.",
       &E::ban_months},
      {"regularised_months", "months", 1, 600, kAssumed, false,
       "Permit length of the regularised channel.", &E::regularised_months},
      {"wage_tax", "share", 0, 1, kAssumed, true, "Wage tax tax_c.", &E::wage_tax},
  };
  return t;
}

const std::vector<Param<Channel>>& channel_params() {
  using E = Channel;
  static const Table<E> t = {
      {"kind",
       "",
       -kInf,
       kInf,
       "",
       false,
       "Channel kind.",
       &E::kind,
       {"bank", "mto", "digital", "post", "informal"}},
      {"fixed_fee", "USD", 0, 1e6, "rpw_global_avg_2023q3", true, "Fixed fee per transfer.",
       &E::fixed_fee},
      {"pct_fee", "share", 0, 1, "rpw_global_avg_2023q3", true, "Percentage fee.", &E::pct_fee},
      {"fx_margin", "share", 0, 1, "rpw_global_avg_2023q3", true, "Exchange-rate margin.",
       &E::fx_margin},
      {"needs_account", "", 0, 1, "", false, "Needs a bank account.", &E::needs_account},
      {"needs_legal", "", 0, 1, "", false, "Needs legal status (identity check).", &E::needs_legal},
      {"loss_risk", "share", 0, 1, kAssumed, false, "Probability a transfer is lost.",
       &E::loss_risk},
      {"constant", "utility", -50, 50, "calibrated", true, "Channel constant (C6).", &E::constant},
      {"initial_share", "share", 0, 1, kAssumed, false,
       "Share of initial migrants whose last channel is this one.", &E::initial_share},
  };
  return t;
}

const std::vector<Param<IrregularRoute>>& route_params() {
  using E = IrregularRoute;
  static const Table<E> t = {
      {"exists", "", 0, 1, "", true, "The route exists (timeline may open or close it).",
       &E::exists},
      {"smuggler_fee", "USD", 0, 1e7, kAssumed, true, "Smuggler fee (covers all attempts).",
       &E::smuggler_fee},
      {"pi_cross_first", "probability", 0, 1, kAssumed, true, "Crossing success, first trip.",
       &E::pi_cross_first},
      {"pi_cross_repeat", "probability", 0, 1, kAssumed, true,
       "Crossing success after a prior trip.", &E::pi_cross_repeat},
      {"horizon", "months", 1, 600, kAssumed, false, "H_irr: valuation horizon.", &E::horizon},
      {"max_attempts", "attempts", 1, 12, kAssumed, false, "Attempts the fee covers.",
       &E::max_attempts},
      {"initial_stock", "people", 0, 1e10, kAssumed, false, "People abroad irregularly at start.",
       &E::initial_stock},
  };
  return t;
}

const std::vector<Param<Corridor>>& corridor_params() {
  using E = Corridor;
  static const Table<E> t = {
      {"origin", "", -kInf, kInf, "", false, "Origin country (a key of [origins]).", &E::origin},
      {"destination", "", -kInf, kInf, "", false, "Destination country (a key of [destinations]).",
       &E::destination},
      {"travel", "USD", 0, 1e7, kAssumed, true, "Travel cost.", &E::travel},
      {"documents", "USD", 0, 1e7, "seed_guatemala_worker_cost", true, "Document cost.",
       &E::documents},
      {"fee_median_months", "months of contract wage", 0, 100, "calibrated", true,
       "Median private-agency fee (fitted by C2, docs/CALIBRATION.md).", &E::fee_median_months},
      {"fee_sigma", "log units", 0, 5, "calibrated", false,
       "Lognormal sd of the agency fee (fitted by C2, docs/CALIBRATION.md).", &E::fee_sigma},
  };
  return t;
}

const std::vector<Param<Scheme>>& scheme_params() {
  using E = Scheme;
  static const Table<E> t = {
      {"corridor", "", -kInf, kInf, "", false, "Corridor (a key of [corridors]).", &E::corridor},
      {"kind",
       "",
       -kInf,
       kInf,
       "",
       false,
       "Label, validated against the levers.",
       &E::kind,
       {"temporary", "bilateral", "seasonal", "circular", "permanent"}},
      {"open", "", 0, 1, "", true, "Recruiting (timeline: open/close).", &E::open},
      {"sector", "", -kInf, kInf, "", false, "Destination sector (a key of its sectors).",
       &E::sector},
      {"sex", "", -kInf, kInf, "", false, "Eligible sex.", &E::sex, {"any", "female", "male"}},
      {"bands",
       "",
       -kInf,
       kInf,
       "",
       false,
       "Eligible bands (empty = all).",
       &E::bands,
       {"low", "medium", "high"}},
      {"age_max_years", "years", 15, 100, kAssumed, true, "Oldest eligible age.",
       &E::age_max_years},
      {"quota", "people per year", 0, 1e12, "", true, "Quota a year (or a season).", &E::quota},
      {"ramp_years", "years", 0, 50, "", false, "Years over which the quota ramps up linearly.",
       &E::ramp_years},
      {"base_share", "weight", 0, 1e6, "", false, "Base share a_s among schemes on the sector.",
       &E::base_share},
      {"selection",
       "",
       -kInf,
       kInf,
       "",
       false,
       "Who selects.",
       &E::selection,
       {"government", "agency", "employer"}},
      {"named_rehire", "", 0, 1, "", true, "Returnees who apply are ranked first.",
       &E::named_rehire},
      {"processing_months", "months", 1, 36, "", true, "Processing months d_proc.",
       &E::processing_months},
      {"roster_months", "months", 0, 120, "", true,
       "Roster validity (0 = government 12, others 6).", &E::roster_months},
      {"contract_months", "months", 1, 600, "", true, "Contract length H (non-seasonal).",
       &E::contract_months},
      {"season_start", "calendar month", 0, 11, "", false, "First calendar month of the season.",
       &E::season_start},
      {"season_length", "months", 0, 12, "sawp_max_months", false,
       "Season length L (0 = not seasonal).", &E::season_length},
      {"renewals", "renewals", 0, 100, "", true, "Renewals allowed.", &E::renewals},
      {"job_mobility", "", 0, 1, "", true, "Workers may change employer.", &E::job_mobility},
      {"contract_wage", "USD per month", 0, 1e9, "", true,
       "Contract wage (0 = wage floor / market rule).", &E::contract_wage},
      {"wage_floor", "USD per month", 0, 1e9, "", true, "Wage floor.", &E::wage_floor},
      {"admin_fee", "USD", 0, 1e7, "", true, "Administrative fee.", &E::admin_fee},
      {"fee_cap_months", "months of contract wage", -1, 100, "seed_fee_cap_ph", true,
       "Fee cap (-1 = no cap).", &E::fee_cap_months},
      {"compliance", "probability", 0, 1, kAssumed, true, "Agency compliance with the cap.",
       &E::compliance},
      {"employer_pays_travel", "", 0, 1, "", true, "Employer pays travel.",
       &E::employer_pays_travel},
      {"employer_pays_housing", "", 0, 1, "", true, "Employer pays housing.",
       &E::employer_pays_housing},
      {"employer_pays_fee", "", 0, 1, "", true, "Employer pays the fee.", &E::employer_pays_fee},
      {"employer_pays_training", "", 0, 1, "", true, "Employer pays training.",
       &E::employer_pays_training},
      {"loan_rate", "per year", -1, 10, "seed_srilanka_loan_rate_migrant", true,
       "Scheme loan rate to the migrant (-1 = no scheme loan).", &E::loan_rate},
      {"loan_term_months", "months", 1, 600, "", true, "Scheme loan term.", &E::loan_term_months},
      {"loan_max", "USD", 0, 1e7, "", true, "Largest scheme loan.", &E::loan_max},
      {"loan_state_rate", "per year", 0, 10, "", true, "Points paid by the state (fiscal cost).",
       &E::loan_state_rate},
      {"welfare_premium", "USD per contract", 0, 1e6, "seed_owwf_premium", true,
       "Welfare premium paid at departure.", &E::welfare_premium},
      {"training_months", "months", 0, 36, "", true, "Training months before departure.",
       &E::training_months},
      {"training_gain", "share", 0, 5, "", true, "Rise of h_used at departure.", &E::training_gain},
      {"training_cost", "USD", 0, 1e7, "", true, "Training cost.", &E::training_cost},
      {"learning_multiplier", "ratio", 0, 100, "", true, "On-the-job learning multiplier.",
       &E::learning_multiplier},
      {"orientation", "", 0, 1, "", true, "Pre-departure orientation informs at once.",
       &E::orientation},
      {"assured_reentry", "", 0, 1, "", true, "Re-hire offers to returnees.", &E::assured_reentry},
      {"rehire_gap_months", "months", -1, 120, kAssumed, true,
       "Months home before a re-hire (-1 = seasonal 0, else 3).", &E::rehire_gap_months},
      {"multiple_entry", "", 0, 1, "", true, "Multiple-entry visa.", &E::multiple_entry},
      {"residence_years", "years", 0, 50, "seed_spain_pr_years", true,
       "Qualifying years for a residence path (0 = none).", &E::residence_years},
      {"p_settle", "per month", 0, 1, kAssumed, true, "Monthly settlement once eligible.",
       &E::p_settle},
      {"compulsory_savings", "share of wage", 0, 1, "", true, "Compulsory savings share cs.",
       &E::compulsory_savings},
      {"return_bonus", "USD", 0, 1e7, "", true, "Bonus on on-time return.", &E::return_bonus},
      {"social_security", "share of wage", 0, 1, "", true, "Social security share ss.",
       &E::social_security},
      {"ss_portable", "share", 0, 1, "", true, "Portable share of social security.",
       &E::ss_portable},
      {"business_grant", "local", 0, 1e12, "", true, "Reintegration business grant.",
       &E::business_grant},
      {"business_training", "", 0, 1, "", true, "Business training on return.",
       &E::business_training},
      {"job_placement", "", 0, 1, "", true, "Job placement on return.", &E::job_placement},
      {"certification", "", 0, 1, "", true, "Skill certification (recognition 0.8).",
       &E::certification},
      {"direct_banking", "", 0, 1, "", true, "Direct banking gives an account.",
       &E::direct_banking},
      {"remittance_tax", "share", 0, 1, "", true, "Tax on remittances.", &E::remittance_tax},
      {"route_constant", "utility", -50, 50, "calibrated", true,
       "Legal-route constant const_route (fitted by C5).", &E::route_constant},
      {"standard_contract", "", 0, 1, "seed", true,
       "[ext] Standard contract enforceable at home: multiplies substitution and non-payment "
       "risk by behaviour.protection_factor.",
       &E::standard_contract},
      {"joint_liability", "", 0, 1, "seed", true,
       "[ext] Joint liability of agency and employer: multiplies substitution and non-payment "
       "risk by behaviour.protection_factor.",
       &E::joint_liability},
      {"legal_aid", "", 0, 1, "seed", true,
       "[ext] Legal aid recovers a share of withheld pay on return.", &E::legal_aid},
      {"welfare_cover", "", 0, 1, "seed_owwf_premium", true,
       "[ext] Welfare fund cover: pays the fare home on early termination and legal aid.",
       &E::welfare_cover},
      {"fees_deducted_abroad", "", 0, 1, kAssumed, true,
       "[ext] Non-compliant agencies collect the fee above the cap as deductions over the first "
       "months abroad instead of up front.",
       &E::fees_deducted_abroad},
      {"initial_stock", "people", 0, 1e10, kAssumed, false, "People on the scheme at month 0.",
       &E::initial_stock},
  };
  return t;
}

template <class E>
std::string param_value_text(const E& e, const Param<E>& p) {
  return std::visit(
      [&](auto mp) -> std::string {
        const auto& v = e.*mp;
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>) {
          return fmt::format("{}", v);
        } else if constexpr (std::is_same_v<V, int64_t>) {
          return fmt::format("{}", v);
        } else if constexpr (std::is_same_v<V, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<V, std::string>) {
          return fmt::format("\"{}\"", v);
        } else if constexpr (std::is_same_v<V, std::vector<double>>) {
          return fmt::format("[{}]", fmt::join(v, ", "));
        } else {
          std::string out = "[";
          for (size_t i = 0; i < v.size(); ++i) out += fmt::format("{}\"{}\"", i ? ", " : "", v[i]);
          return out + "]";
        }
      },
      p.member);
}

template <class E>
double param_number(const E& e, const Param<E>& p) {
  return std::visit(
      [&](auto mp) -> double {
        const auto& v = e.*mp;
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>)
          return v;
        else if constexpr (std::is_same_v<V, int64_t>)
          return static_cast<double>(v);
        else if constexpr (std::is_same_v<V, bool>)
          return v ? 1.0 : 0.0;
        else
          return std::numeric_limits<double>::quiet_NaN();
      },
      p.member);
}

template <class E>
bool set_param_number(E& e, const Param<E>& p, double x) {
  return std::visit(
      [&](auto mp) -> bool {
        auto& v = e.*mp;
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>) {
          v = x;
          return true;
        } else if constexpr (std::is_same_v<V, int64_t>) {
          if (x != std::floor(x) || std::abs(x) > 9.0e15) return false;
          v = static_cast<int64_t>(x);
          return true;
        } else if constexpr (std::is_same_v<V, bool>) {
          if (x != 0.0 && x != 1.0) return false;
          v = x == 1.0;
          return true;
        } else {
          return false;
        }
      },
      p.member);
}

#define CORRIDOR_INSTANTIATE(E)                                        \
  template std::string param_value_text<E>(const E&, const Param<E>&); \
  template double param_number<E>(const E&, const Param<E>&);          \
  template bool set_param_number<E>(E&, const Param<E>&, double);
CORRIDOR_INSTANTIATE(RunSettings)
CORRIDOR_INSTANTIATE(Behaviour)
CORRIDOR_INSTANTIATE(Band)
CORRIDOR_INSTANTIATE(Stratum)
CORRIDOR_INSTANTIATE(Origin)
CORRIDOR_INSTANTIATE(Sector)
CORRIDOR_INSTANTIATE(Destination)
CORRIDOR_INSTANTIATE(Channel)
CORRIDOR_INSTANTIATE(IrregularRoute)
CORRIDOR_INSTANTIATE(Corridor)
CORRIDOR_INSTANTIATE(Scheme)
#undef CORRIDOR_INSTANTIATE

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string nearest_name(std::string_view word, std::span<const std::string_view> candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(3, word.size() / 2) + 1;
  for (auto c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace corridor
