// The scenario specification: what a world of countries, corridors and schemes is.
//
// A Spec is plain data, built by the input layer (which alone knows TOML), validated,
// then frozen: the engine only ever reads it. Defaults live in the member initialisers
// below and nowhere else; units, ranges, sources and documentation of every field live
// in the parameter table (params.hpp), which reads these defaults from a
// default-constructed object.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace corridor {

inline constexpr int kBands = 3;  // low, medium, high skill
inline constexpr std::array<const char*, kBands> kBandNames = {"low", "medium", "high"};

struct RunSettings {
  std::string name = "unnamed";
  int64_t months = 240;
  int64_t start_month = 0;  // calendar month of month 0 (0 = January)
  int64_t seed = 1;
  int64_t replicates = 1;
  int64_t burn_in = 60;
  int64_t threads = 0;  // 0 = all hardware threads
};

// Behavioural parameters shared by every agent (MODEL.md section 4).
struct Behaviour {
  double rho = 0.01;                       // monthly discount rate
  double lambda = 0.05;                    // consideration probability a month
  double b_money = 0.1125;                 // b: utility per home-wage month at c_bar (M0)
  double zeta = 0.8;                       // subsistence share below which u is undefined
  double gamma = 1.5;                      // curvature of u
  double home_pref = 0.6;                  // kappa_0, home-wage months per month abroad (M1)
  double home_pref_family = 0.3;           // kappa_fam, household members at home
  double home_pref_fade = 0.01;            // eta, per continuous month abroad
  double b_avail = 1.0;                    // weight of ln(P_sel): availability of a rationed scheme
  double b_net = 1.0;                      // network effect
  double kappa = 10.0;                     // network curvature
  double b_exp = 1.0;                      // prior-trip effect
  double i0 = 0.01;                        // baseline monthly information probability
  double i1 = 0.2;                         // information from network prevalence
  double o_w = 0.15;                       // wage optimism of the uninformed
  double o_f = 0.3;                        // fee under-estimate of the uninformed
  double uninformed_fee_markup = 1.3;      // median multiplier of fee draws for the uninformed
  double b_cost = 10.0;                    // remittance channel cost coefficient
  double altruism = 0.95;                  // share of surplus remitted, temporary migrants (C4)
  double settled_remit_ratio = 1.0 / 3.0;  // settled migrants' share / altruism (0.2 / 0.6)
  double target_share = 0.2;               // share of target earners (core v2 M2; swept 0-0.4)
  double settler_share = 0.1;              // share of settlers (core v2 M2; swept 0-0.3)
  double target_kink = 0.1;                // k: weight of wealth above a target earner's target
  double target_median_months = 24.0;      // target in months of home income
  double target_sd = 0.5;                  // lognormal sd of targets
  double learning = 0.005;                 // monthly on-the-job rise in h_used
  double recognition = 0.35;               // share of skill gained recognised at home
  double recognition_certified = 0.8;
  double omega = 0.3;                  // other members' earnings as a share of home wage
  double sigma = 2.0;                  // substitution between schemes on a sector
  double irregular_reconsider = 0.05;  // monthly reconsideration of irregular migrants
  int64_t horizon_stay = 24;           // H_o, months valued at a contract end
  int64_t job_search_months = 2;       // months a legal searcher may look for work
  double placement_divisor = 0.7;      // job placement divides f by this for 12 months
  int64_t placement_months = 12;
  double family_limit_base = 0.5;  // family loans up to (base + slope*prev) annual income
  double family_limit_slope = 1.5;
  double moneylender_rate = 0.0384;  // monthly
  double moneylender_limit = 1.5;    // times annual household income
  int64_t default_arrears_months = 12;
  int64_t rehire_max_home_months = 24;
  int64_t exit_age_years = 65;
  int64_t entry_age_years = 18;
  double business_threshold_months = 12.0;  // capital threshold in months of home income
  double business_keep_months = 3.0;        // months of home income kept back from investment
  int64_t business_window_months = 24;
  double g0 = -4.0;
  double g1 = 1.0;
  double g2 = 0.3;
  double r_k = 0.046;            // return to capital at the threshold, a month
  double r_k_elasticity = -0.2;  // r_k (K/threshold)^elasticity
  double business_failure = 0.007;
  double business_training_failure = 0.9;
  double jobs_per_business = 0.4;
  double disappointment_enabled = 1.0;  // 1 = first-month check on; 0 = off (tests)
  double irregular_stay_enabled = 1.0;  // 1 = legal migrants may stay irregularly; 0 = off
  double fixed_remittance = 0.0;  // test mode: every migrant sends this (USD) monthly; 0 = off
  // [ext] Protection and integrity (MODEL.md 4.8).
  double pi_sub_agency_prone = 0.25;  // substitution risk, agency recruitment, prone sectors
  double pi_sub_government = 0.03;    // substitution risk under government selection
  double pi_sub_other = 0.03;         // substitution risk otherwise
  double sub_cut_min = 0.2;           // substituted wage cut, uniform on [min, max]
  double sub_cut_max = 0.4;
  double nonpayment_hazard = 0.01;    // monthly chance a month's pay is withheld
  double protection_factor = 0.5;     // standard contract / joint liability multiply risks
  double legal_aid_recovery = 0.5;    // share of withheld pay recovered on return
  double mu_offer = 0.1;              // outside offers of irregular work a month, per unit of p_irr
  double pi_fraud_uninformed = 0.05;  // recruitment fraud under agency selection
  double pi_fraud_informed = 0.01;
  double rent_elasticity = 0.3;          // agency fee median x (applicants / slots)^this
  int64_t deduction_months = 3;          // months over which fees deducted abroad are collected
  double advance_repayment_share = 0.5;  // largest share of net pay repaying an advance
  double reunification = 0.02;           // monthly chance a settled agent's household joins
  double reunified_remittance_share = 0.15;
};

struct Band {
  double share = 1.0 / 3.0;  // population share
  double h0 = 1.0;           // initial human capital
  double home_wage = 300.0;  // monthly home wage, local currency (real, base year)
  double h_sd = 0.1;         // sd of initial h within band (relative)
};

struct Stratum {
  int64_t agents = 0;
  double weight = 1.0;             // people per agent
  std::string sex = "any";         // any, female, male
  std::vector<std::string> bands;  // empty = all bands
  int64_t age_max_years = 0;       // 0 = origin age range
};

struct Origin {
  std::string name;
  int64_t agents = 10000;  // agents when no strata are given
  double weight = 1.0;     // people per agent when no strata are given
  std::vector<Stratum> strata;
  double share_female = 0.5;
  int64_t age_min_years = 18;
  int64_t age_max_years = 64;
  std::array<Band, kBands> bands{};
  double job_finding = 0.1;  // f, monthly
  double separation = 0.01;  // sep, monthly
  double household_size = 4.0;
  double subsistence = 60.0;  // per member a month, local
  double poverty_line = 0.0;  // per member a month, local; 0 = subsistence
  double share_bank_account = 0.3;
  double share_informed = 0.3;
  double fx_base = 1.0;                // local units per USD in the base year
  double e_index = 1.0;                // nominal exchange-rate index (timeline)
  double p_index = 1.0;                // price-level index (timeline)
  double savings_median_months = 3.0;  // initial home savings, months of household income
  double savings_sd = 1.0;
};

struct Sector {
  std::string name;
  double demand = 1000.0;                                     // D0, foreign job stock (people)
  std::vector<double> season = std::vector<double>(12, 1.0);  // 12 calendar factors
  double cycle = 1.0;                                         // business-cycle factor (timeline)
  double req = 1.0;                                           // skill requirement
  std::vector<double> wage = {1000.0, 1300.0, 1800.0};        // market wage by band, USD a month
  double wage_index = 1.0;          // multiplies every band wage (timeline)
  double elasticity = -0.4;         // eps
  bool substitution_prone = false;  // [ext] domestic work, construction: agency substitution risk
  bool employer_sanctions = false;  // employers here do not hire irregular migrants
};

struct Destination {
  std::string name;
  double living = 300.0;   // USD a month
  double housing = 200.0;  // USD a month
  double irregular_discount = 0.15;
  double p_irr_max = 0.85;
  double detection = 0.0015;      // delta, monthly
  double deportation_loss = 0.5;  // share of savings abroad lost
  int64_t ban_months = 60;
  int64_t regularised_months = 12;  // permit of the regularised channel
  double wage_tax = 0.0;
  std::vector<Sector> sectors;
};

struct Channel {
  std::string name;
  std::string kind = "mto";  // bank, mto, digital, post, informal
  double fixed_fee = 5.0;    // USD
  double pct_fee = 0.02;
  double fx_margin = 0.01;
  bool needs_account = false;
  bool needs_legal = false;
  double loss_risk = 0.0;
  double constant = 0.0;
  double initial_share = 0.0;  // last-channel share among initial migrants
};

struct IrregularRoute {
  bool exists = false;
  double smuggler_fee = 2000.0;  // USD, covers up to 3 attempts
  double pi_cross_first = 0.8;
  double pi_cross_repeat = 0.9;
  int64_t horizon = 24;  // H_irr
  int64_t max_attempts = 3;
  double initial_stock = 0.0;  // people abroad irregularly at start
};

struct Corridor {
  std::string name;
  std::string origin;
  std::string destination;
  double travel = 500.0;            // USD
  double documents = 300.0;         // USD
  double fee_median_months = 1.09;  // agency fee median, months of contract wage (C2)
  double fee_sigma = 0.52;          // lognormal sd of the agency fee (C2)
  std::vector<Channel> channels;
  IrregularRoute irregular;
};

struct Scheme {
  std::string name;
  std::string corridor;
  std::string kind = "temporary";  // temporary, bilateral, seasonal, circular, permanent
  bool open = true;
  // Target
  std::string sector;
  std::string sex = "any";
  std::vector<std::string> bands;  // empty = all
  int64_t age_max_years = 45;
  // Size
  double quota = 1e12;  // people a year (or a season)
  int64_t ramp_years = 0;
  double base_share = 1.0;
  // Selection
  std::string selection = "agency";  // government, agency, employer
  bool named_rehire = false;
  int64_t processing_months = 2;
  int64_t roster_months = 0;  // 0 = by selection (government 12, others 6)
  // Contract
  int64_t contract_months = 24;
  int64_t season_start = 0;   // calendar month (seasonal schemes)
  int64_t season_length = 0;  // 0 = not seasonal
  int64_t renewals = 0;
  bool job_mobility = false;
  // Pay
  double contract_wage = 0.0;  // 0 = use the wage floor / market rule
  double wage_floor = 0.0;
  // Costs
  double admin_fee = 0.0;
  double fee_cap_months = -1.0;  // -1 = no cap
  double compliance = 1.0;
  bool employer_pays_travel = false;
  bool employer_pays_housing = false;
  bool employer_pays_fee = false;
  bool employer_pays_training = false;
  // Finance
  double loan_rate = -1.0;  // annual; -1 = no scheme loan
  int64_t loan_term_months = 12;
  double loan_max = 0.0;         // USD
  double loan_state_rate = 0.0;  // annual points paid by the state
  double welfare_premium = 0.0;  // USD per contract
  // Training
  int64_t training_months = 0;
  double training_gain = 0.0;
  double training_cost = 0.0;  // USD
  double learning_multiplier = 1.0;
  bool orientation = false;
  // Return and circulation
  bool assured_reentry = false;
  int64_t rehire_gap_months = -1;  // -1 = by kind (seasonal 0, else 3)
  bool multiple_entry = false;
  int64_t residence_years = 0;  // 0 = no residence path
  double p_settle = 0.05;
  double compulsory_savings = 0.0;
  double return_bonus = 0.0;  // USD
  double social_security = 0.0;
  double ss_portable = 0.0;
  // Reintegration
  double business_grant = 0.0;  // local currency
  bool business_training = false;
  bool job_placement = false;
  bool certification = false;
  // Remittances
  bool direct_banking = false;
  double remittance_tax = 0.0;
  double route_constant = 0.0;  // const_route (fitted by C5)
  // [ext] Protection (MODEL.md 4.8): no provision by default.
  bool standard_contract = false;
  bool joint_liability = false;
  bool legal_aid = false;
  bool welfare_cover = false;
  bool fees_deducted_abroad = false;
  // Initial state
  double initial_stock = 0.0;  // people abroad on the scheme at month 0
};

// A policy event: at month `month`, set `path` to `value` (a lever), open or close a
// scheme, or regularise every irregular migrant at a destination.
struct TimelineEvent {
  enum class Action { kSet, kOpen, kClose, kAmnesty };
  int64_t month = 0;
  Action action = Action::kSet;
  std::string path;    // kSet: "schemes.X.lever"; kOpen/kClose: scheme; kAmnesty: destination
  double value = 0.0;  // kSet only (booleans as 0/1)
  int64_t line = 0;    // where it was declared, for messages
};

struct Spec {
  std::string source_file;    // the file it came from
  std::string base_file;      // the base scenario it names (empty if none), its baseline
  std::string resolved_text;  // the fully resolved scenario (TOML), for /scenario/resolved
  RunSettings run;
  Behaviour behaviour;
  std::vector<Origin> origins;
  std::vector<Destination> destinations;
  std::vector<Corridor> corridors;
  std::vector<Scheme> schemes;
  std::vector<TimelineEvent> timeline;
};

}  // namespace corridor
