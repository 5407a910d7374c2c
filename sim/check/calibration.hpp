// Calibration (MODEL.md 1, C1-C6): the quantity each target measures, as a function of
// extra overrides, and the fits that chose the calibrated values (docs/CALIBRATION.md).
// The C-patterns (c*.cpp) evaluate the metrics with the committed values; `corridor
// calibrate` runs the fits and prints what it found.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "model/results.hpp"

namespace corridor::check {

using Overrides = std::vector<std::string>;

// Scenario files the calibration targets use.
inline constexpr const char* kPhilippines = "philippines.toml";
inline constexpr const char* kHswReform = "pilots/ph_hsw_reform.toml";
inline constexpr const char* kSriLanka = "sri_lanka.toml";
inline constexpr const char* kOpenIrregular = "open_irregular.toml";

// Loads `file` with `extra` overrides and the replicates given, divides every origin's
// (and stratum's) agents by `shrink` and multiplies its weight by it, so that the people
// represented stay the same, and runs it.
RunResults run_scaled(const Options& o, const std::string& file, const Overrides& extra,
                      int replicates, double shrink);

// C1: per replicate, Philippine deployments into the Saudi domestic sector in months
// r+t0+1 .. r+t0+12 of the reform arm over the same months of the no-reform arm (same
// seeds). Also the other origins' deployments in the same window, per arm.
struct C1Metric {
  std::vector<double> ratio;                     // reform / no reform, Philippine deployments
  std::vector<double> ph_base, ph_reform;        // Philippine deployments (people)
  std::vector<double> other_base, other_reform;  // other origins' deployments (people)
  int reform_month = 0, t0 = 0;
};
C1Metric c1_metric(const Options& o, const Overrides& extra);

// C2: mean worker-paid cost in months of first earnings and the share paying more than
// twice the median cost, for the Philippine Saudi "other" scheme with its cap removed
// (uncapped private recruitment).
struct C2Metric {
  std::vector<double> mean_months, share_over_2x;
};
C2Metric c2_metric(const Options& o, const Overrides& extra);

// C4: remittances sent and earnings abroad of legal workers on Gulf corridors, per
// replicate, for one scenario file.
struct C4Metric {
  std::vector<double> remitted, earned;
};
C4Metric c4_metric(const Options& o, const std::string& file, const Overrides& extra);
// Remitted over earned, pooled over the Philippine and Sri Lankan scenarios.
std::vector<double> c4_pooled(const Options& o, const Overrides& extra);

// C5: legal departures from Sri Lanka a year (people), and applicants per slot
// (applications over selections).
struct C5Metric {
  std::vector<double> departures_per_year, applicants_per_selection;
};
C5Metric c5_metric(const Options& o, const Overrides& extra);

// C6: formal share of remittances sent on the Philippines-Saudi Arabia corridor.
std::vector<double> c6_metric(const Options& o, const Overrides& extra);

// C0 (core v2 "Day one"): the Shrestha (2020) replication that pins b (c0_money_weight.cpp).
struct BMetric {
  double elasticity = 0;       // d ln P / d ln(expected foreign wage), arc over x 1.1
  double p_window = 0;         // mean chance of migrating within 3 months, baseline
  double p_window_raised = 0;  // the same with expected foreign wages x 1.1
  double agents = 0;
};
// At the state simulated with `extra`, decisions probed with b = b_eval (< 0: committed).
BMetric b_metric(const Options& o, const Overrides& extra, double b_eval);

// C7: per replicate, first irregular trips ending within 12 months over first crossings, on
// the open irregular corridor (Mexico-US before 1986).
std::vector<double> c7_metric(const Options& o, const Overrides& extra);

// One fitted parameter: the value found, what the metric gave there, and the trace.
struct Fit {
  std::string id, parameter;
  double target = 0, value = 0, achieved = 0;
  std::vector<std::pair<double, double>> trace;  // (value tried, metric)
};

// Bisection on a metric monotone in the parameter over [lo, hi] until it is within tol of
// target or max_steps are used.
Fit bisect(std::string id, std::string parameter, double target, double lo, double hi, double tol,
           int max_steps, const std::function<double(double)>& metric);

// Runs the fits (ids empty = all) and returns them in the order run.
std::vector<Fit> calibrate(const Options& o, const std::vector<std::string>& ids,
                           const std::function<void(const std::string&)>& log);

}  // namespace corridor::check
