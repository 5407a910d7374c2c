// Values of the choices agents make: at the migration decision (MODEL.md 4.1), at a
// contract or season end, when an irregular migrant reconsiders and in the first work month
// (4.5, core v2 M1). Pure functions of what the engine gathers for one agent; every value
// is on the household's money scale of core v2 M0 (Scale below); re-entry and the residence
// path are USD lump sums that join the wealth W an option leaves. The engine only gathers
// their inputs (sim/engine/phases_decide.cpp, phases_abroad.cpp); tests/test_values.cpp
// checks each against hand-computed cases.
#pragma once

#include <cstdint>
#include <limits>
#include <span>

namespace corridor::values {

// ---- What a return on time brings beyond home income ----------------------------------

// Re-entry (core v2 M1): the value at the return of being re-hired in later cycles,
//   V_re = sum_{j=1..J} q^(j-1) beta^(gap + (j-1) C) max(0, G_next),
// with C = cycle_months (= t0 + H + gap) the months from one re-hire offer to the next, gap
// the months at home before the first offer, q the chance of each further offer and J the
// cycles that end before the exit age. A cycle that would lose money is declined, so it is
// worth 0, never less. The decision weighs it by q_i, the chance of the first offer.
double reentry(double beta, double q, int64_t gap, int64_t cycle_months, int64_t cycles,
               double G_next);

// Settlement through a residence path once eligible: a monthly settlement chance p from
// now on, then the net gain of living abroad for the months left to the exit age,
//   V_settle = [beta p / (1 - beta (1 - p))] sum_{m=1..M} beta^m net_month.
double settlement(double beta, double p_settle, int64_t months_left, double net_month);

// The residence path valued by a worker who still needs `cycles_needed` further cycles of
// legal work (core v2 M1): P_N = q_eff^cycles_needed, the chance of being let back in that
// often (the re-entry rate with assured re-entry, else the observed re-selection rate),
// times V_settle discounted over those cycles, beta^(cycles_needed C). 0 once q_eff is 0
// and further cycles are needed.
double residence_path(double beta, int64_t cycles_needed, double q_eff, int64_t cycle_months,
                      double p_settle, int64_t months_left, double net_month);

// What an on-time return brings on top of home income: compulsory savings and portable
// social security paid out, the return bonus, q_i V_re and the residence path's value.
struct ReturnTerms {
  double balances = 0;  // CS + SS_port, paid on return (USD)
  double bonus = 0;     // return bonus (USD)
  double reentry = 0;   // q_i V_re: the chance of the first offer times reentry()
  double path = 0;      // residence_path(), for a worker not yet eligible
  double total() const { return balances + bonus + reentry + path; }
};

// ---- One money scale (core v2 M0) -------------------------------------------------------

// How one household values money (core v2 M0). Every option is valued as the expected
// discounted utility of the household's consumption, month by month over a horizon of T
// months, plus the value of the wealth it holds at T spent as an annuity to the exit age:
//   V = sum_{m=1..T} beta^m E_s u(c_m,s) + beta^T E_s A(W_T,s),
//   u(c) = ((c - zeta c_sub)^(1 - gamma) - 1) / (1 - gamma)   (log when gamma = 1),
//   c   = max(c_sub, c_other + x e),
// with e the migrant's contribution in USD that month (y_home at home, net pay abroad,
// minus living and housing when out of work abroad), x the local units a USD sent home buys
// (x(t-1)(1 - fx)) and c_other what the other members earn. Lump sums (savings, balances,
// bonus, re-entry, the path) join W compounded at rho to T; the annuity is
//   A(W) = sum_{m=1..M-T} beta^m u(c_other + x (y_home + r_a W)),  r_a = rho / (1 - beta^(M-T)).
// Differences of V enter utility as b (V_j - V_0) / unit with unit = u'(c_bar) w_bar, the
// marginal utility at the origin's median household consumption times its mean home wage: for
// a household at c_bar one riskless month of home wage is worth b. With gamma = zeta = 0,
// x = 1 and unit = 1 every value is the discounted USD sum of the flows (the tests use this).
struct Scale {
  double beta = 1.0 / 1.01;
  double x = 1.0;             // local units per USD received at home
  double c_other = 0.0;       // household income without the migrant (local a month)
  double c_sub = 0.0;         // subsistence consumption of the household (local a month)
  double zeta = 0.8;          // share of subsistence below which u is undefined
  double gamma = 1.5;         // curvature
  int64_t exit_months = 480;  // months to the exit age, M
  double unit = 1.0;          // u'(c_bar) w_bar (utility per home-wage month at c_bar)
  // Target earners (core v2 M2): terminal wealth above `kink` (USD, in the frame of the W
  // the option passes) counts only k = kink_k of its value. Infinity: no kink.
  double kink = std::numeric_limits<double>::infinity();
  double kink_k = 1.0;
};

// u(c) of the household (local a month), consumption floored at c_sub.
double utility(const Scale& s, double c_local);
// u'(c) at c (local), for the money unit.
double marginal_utility(const Scale& s, double c_local);
// u of a month in which the migrant contributes e USD (c = max(c_sub, c_other + x e)).
double month_utility(const Scale& s, double e_usd);
// A(W): wealth W (USD) held at month T, spent as an annuity over the M - T months left, the
// migrant at home earning y_home. With a kink K (target earners): A(min(W, K)) + k [A(W) -
// A(min(W, K))].
double terminal(const Scale& s, int64_t T, double W_usd, double y_home);

// An option's value: utility, and the discounted months the migrant spends abroad under it
// (sum over months abroad of beta^m times the chance of being abroad), which the location
// preference of core v2 M1 weighs.
struct Value {
  double u = 0;
  double away = 0;
};

// ---- The options abroad (4.5, core v2 M1), over the horizon T = max(H, H_o) ----------

// Return now: home income for T months; W = the savings carried home plus what the return
// brings (terms.total()).
Value value_return(const Scale& s, int64_t T, double y_home, double savings,
                   const ReturnTerms& terms);

// Stay irregularly: each month m <= T the migrant is still undetected with (1 - delta)^m and
// then works with the irregular employment odds p_irr[m-1] at w_irr, paying living and
// housing (out of work it pays them and sends nothing); once detected it is home, earning
// y_home. The savings held abroad are kept, less the share `deportation_loss` if detected
// within T; balances, bonus, re-entry and the path are forfeited. p_irr has T entries.
Value value_stay(const Scale& s, double delta, std::span<const double> p_irr, double w_irr,
                 double living, double housing, double y_home, double savings,
                 double deportation_loss);

// Work for H more months under contract (a renewal, or continuing the current contract):
// net pay (after living and housing) with the chance p_emp of being paid, otherwise living
// and housing only; then home income to the horizon T. The savings are kept and what the
// return brings (`after`) arrives H months later. `away_weight` scales the months abroad
// (0.5 under multiple entry).
Value value_work(const Scale& s, int64_t H, int64_t T, double net_pay, double unpaid_cost,
                 double p_emp, double y_home, double savings, const ReturnTerms& after,
                 double away_weight);

// ---- The migration decision (4.1) -------------------------------------------------------

// A contract on a scheme valued at home over T >= t0 + H: home income while the application
// is processed (t0 months), H months abroad with net pay net_emp when employed (chance p_emp)
// and net_unemp otherwise, then home income; W = home savings - the up-front cost with
// interest + `lump` (deferred payouts, bonus, re-entry and the path, arriving at t0 + H).
Value value_contract(const Scale& s, int64_t t0, int64_t H, int64_t T, double net_emp,
                     double net_unemp, double p_emp, double y_home, double wealth, double cost,
                     double lump, double away_weight);

// Staying at home for T months with wealth W.
Value value_home(const Scale& s, int64_t T, double y_home, double wealth);

// The irregular route valued at home over T >= H: one of `attempts` crossings succeeds with
// 1 - (1 - pi_cross)^attempts; then for m <= H, still undetected with (1 - delta)^m, work with
// the odds p_irr[m-1] at w_irr paying `cost` (living and housing), else home; a failed
// crossing leaves the household at home. W = wealth - the smuggler's fee with interest.
Value value_route(const Scale& s, int64_t T, double pi_cross, int attempts, double delta,
                  std::span<const double> p_irr, double w_irr, double cost, double y_home,
                  double wealth, double fee);

}  // namespace corridor::values
