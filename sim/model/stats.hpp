// Summary statistics for the summary-only indicators of MODEL.md section 6 (medians and
// Kaplan-Meier statistics from per-deployment records): months_to_repay_median and
// months_to_repay_rmst60, share_unrepaid_24m, months_to_recoup, share_cost_over_2x_median.
//
// Every observation carries a weight (people per agent), which must be finite and > 0;
// a weight of zero, a negative or non-finite weight, a NaN value, a negative or non-finite
// time, or spans of different lengths throw std::invalid_argument.
//
// Determinism: every function first sorts its input fully (values by (value, weight);
// observations by (time, event before censoring, weight)) and then accumulates in that
// order. The result therefore depends only on the multiset of observations, never on the
// order of the records, and is bit-identical however the records were gathered (e.g. for
// any thread count).
//
// Comparisons against one half (medians) allow a relative tolerance of 1e-12 of the total
// weight, so that a cumulative share or survival that is exactly one half in exact
// arithmetic counts as reaching it despite rounding.
#pragma once

#include <span>
#include <utility>
#include <vector>

namespace corridor::stats {

// One survival record: the spell ended (event = true) at `time`, or was still running
// when observation stopped (event = false: censored at `time`). Times are months >= 0.
struct Observation {
  double time;
  bool event;
  double weight;
};

// Weighted median (lower median convention: the smallest value whose cumulative weight,
// values ascending, is >= half the total weight). NaN if empty.
double weighted_median(std::span<const double> values, std::span<const double> weights);

// Weighted share (0..1) of values strictly above `threshold`. NaN if empty.
double weighted_share_above(std::span<const double> values, std::span<const double> weights,
                            double threshold);

// Weighted Kaplan-Meier product-limit estimate. Ties: at a time with both events and
// censorings, the censored records are still at risk at that time (events first).
// Returns the step function as (t, S(t)) just after each distinct event time, ascending;
// S is 1 before the first returned time. Empty if there are no events (or no records).
std::vector<std::pair<double, double>> kaplan_meier(std::span<const Observation> obs);

// Median survival time: the smallest event time with S <= 0.5. NaN if S never falls to
// 0.5 (e.g. heavy censoring or all censored), and NaN if empty.
double km_median(std::span<const Observation> obs);

// Restricted mean survival time: integral of S(t) over [0, tau]. Beyond the last record
// S stays at its last value (the usual convention; only matters if tau exceeds the
// largest time and the largest time is censored). NaN if empty; tau must be finite and >= 0.
double km_rmst(std::span<const Observation> obs, double tau);

// KM estimate of P(T > t): the product over event times <= t (1 for t before the first
// event; the last value beyond the last record). NaN if empty.
double km_survival_at(std::span<const Observation> obs, double t);

}  // namespace corridor::stats
