// The headline table printed after a run: one row per entry of the "schemes" axis of a
// RunResults (schemes, "<corridor>/irregular" routes, "<destination>/regularised"), one
// column per headline indicator.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/results.hpp"

namespace corridor::cli {

// One column of the table, read from "summary/<name>" (dims [replicate, scheme, sex]).
struct HeadlineColumn {
  std::string_view name;      // indicator name, e.g. "return_rate"
  std::string_view title;     // first header line
  std::string_view subtitle;  // second header line (units)
  bool ratio;    // true: pooled as sum(<name>_num) / sum(<name>_den) over replicates and sexes;
                 // false: a count, summed over sexes and averaged over replicates
  int decimals;  // for counts, only below 100 (larger counts print whole)
  bool percent = false;  // shown in %: a dataset whose units are "share" or "fraction" is
                         // multiplied by 100 (units "%" or anything else are shown as they are)
};

// The columns, in table order: deployments, recruitment_cost_months_mean,
// remittance_cost_pct, formal_share, return_rate, overstay_rate, skill_gain_mean,
// business_starts.
const std::vector<HeadlineColumn>& headline_columns();

// Pooled value of one indicator, in the column's display unit, for each entry of the
// "schemes" axis; entries are empty
// when the value is not available (dataset missing or malformed, zero denominator).
// `problem`, when given, receives a one-line reason for a malformed dataset (left empty
// when the datasets are merely missing).
std::vector<std::optional<double>> headline_values(const RunResults& results,
                                                   const HeadlineColumn& column,
                                                   std::string* problem = nullptr);

// The table as text (several lines, each ending in '\n'). Unavailable values print as
// "—". Never throws on odd results: malformed datasets are listed in notes under the
// table.
std::string headline_table(const RunResults& results);

// The same values as tab-separated text at full precision (printf %.17g, so a value
// read back is the value computed): a header line "scheme<TAB>indicator<TAB>value", then
// one line per scheme-axis entry and column; an unavailable value is written as "NA".
// `label`, when not empty, is written as a first column "scenario" on every line.
std::string headline_tsv(const RunResults& results, const std::string& label = "");

}  // namespace corridor::cli
