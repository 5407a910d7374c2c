// Helpers shared by the pattern functions: load a scenario from scenarios/ with overrides,
// run it, and read per-replicate figures out of RunResults.
#pragma once

#include <string>
#include <vector>

#include "check/check.hpp"
#include "model/results.hpp"
#include "model/spec.hpp"

namespace corridor::check {

// Loads scenarios_dir/relative_path with `overrides` (--set syntax); throws
// std::runtime_error with every diagnostic if the scenario is invalid.
Spec load(const Options& o, const std::string& relative_path,
          const std::vector<std::string>& overrides = {});

// Sets the agents of every stratum of every origin: `female` for women-only strata, `male`
// for the others (the Philippine scenarios' strata; a smaller population at CI size).
void set_strata_agents(Spec& spec, long long female, long long male);

// Runs every replicate of spec with o.threads.
RunResults run(const Spec& spec, const Options& o);

// Replicates to use: o.replicates if set, else `ci` or `full` by o.size.
int replicates(const Options& o, int ci, int full);
// A size by o.size (e.g. agents or months).
long long by_size(const Options& o, long long ci, long long full);

// Index of `name` on axis `axis` ("schemes", "origins", "sectors", ...); throws if absent.
int axis_index(const RunResults& r, const std::string& axis, const std::string& name);

// A summary dataset [replicate, schemes, sex] (or [replicate, X] / [replicate, X, sex]):
// one value per replicate, for index `i` on the second axis (i < 0: summed over it),
// summed over any further axes.
std::vector<double> per_replicate(const RunResults& r, const std::string& path, int i = -1);

// Timeseries [replicate, month, X, sex...]: per replicate, the sum over months
// [from, to) of index i on the third axis (i < 0: all), summed over further axes.
std::vector<double> window_sum(const RunResults& r, const std::string& path, int from, int to,
                               int i = -1);

// Element-wise a / b (NAN where b == 0) and a - b.
std::vector<double> ratio(const std::vector<double>& a, const std::vector<double>& b);
std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b);

double mean(const std::vector<double>& v);  // ignores NAN
double sd(const std::vector<double>& v);    // sample sd, ignores NAN
// t statistic of the mean of paired differences a - b (common random numbers).
double paired_t(const std::vector<double>& a, const std::vector<double>& b);

Figure figure(std::string name, std::string units, const std::vector<double>& v);

}  // namespace corridor::check
