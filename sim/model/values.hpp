// Values of the choices agents make: at the migration decision (MODEL.md 4.1), at a
// contract or season end, when an irregular migrant reconsiders and in the first work month
// (4.5, core v2 M1). Pure functions of what the engine gathers for one agent; every value
// is in USD at x(t-1), each month m ahead discounted by beta^m. The engine only gathers
// their inputs (sim/engine/phases_decide.cpp, phases_abroad.cpp); tests/test_values.cpp
// checks each against hand-computed cases.
#pragma once

#include <cstdint>
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

// ---- The options at a contract end (4.5), over the horizon T = max(H, H_o) ------------

// Return now: home income for T months and what the return brings.
double value_return(double beta, int64_t T, double y_home, const ReturnTerms& terms);

// Stay irregularly: each month m <= T the migrant is still undetected with (1 - delta)^m
// and then works with the irregular employment odds p_irr[m-1] at w_irr, paying living
// and housing; once detected it is home, earning y_home. The savings held abroad are
// kept, less the share lost on deportation, `deportation_loss`, if detected within T;
// balances, bonus, re-entry and the residence path are forfeited. p_irr has T entries.
double value_stay(double beta, double delta, std::span<const double> p_irr, double w_irr,
                  double living, double housing, double y_home, double savings_abroad,
                  double deportation_loss);
// The same, counting the savings held abroad (value_stay - value_return then compares
// like with like: a returnee carries its savings home in full).
double value_return_with_savings(double beta, int64_t T, double y_home, double savings_abroad,
                                 const ReturnTerms& terms);

// Renew for H months: net pay (after living and housing) with the employment odds p_emp,
// then home income to the horizon T; what the return brings comes H months later
// (`after`: the terms as they will be then, e.g. more qualifying years).
double value_renew(double beta, int64_t H, int64_t T, double net_pay, double p_emp, double y_home,
                   const ReturnTerms& after);

// ---- The first work month (4.5, disappointment) ----------------------------------------

// Continue the contract for the H_left months still to work, then return on time.
double value_continue(double beta, int64_t H_left, double net_pay, const ReturnTerms& terms);
// Leave now: home income for those months; the balances are paid, the bonus, re-entry and
// path are lost (an early return is not an on-time return).
double value_return_early(double beta, int64_t H_left, double y_home, double balances);

// ---- The irregular route (4.1) ----------------------------------------------------------

// Value of crossing before the smuggler's fee and interest: the chance that one of
// `attempts` crossings succeeds, 1 - (1 - pi_cross)^attempts, times sum_{m=1..H} beta^m
// (1 - delta)^m (p_irr[m-1] w_irr - cost - y_home), with p_irr given for each month ahead
// (cost: living and housing).
double irregular_route(double beta, double pi_cross, int attempts, double delta,
                       std::span<const double> p_irr, double w_irr, double cost, double y_home);

}  // namespace corridor::values
