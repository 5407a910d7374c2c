// The evidence layer (issue 4): calibration targets C1-C6 and validation patterns V1-V8 of
// MODEL.md section 1, each a function that runs scenarios from scenarios/ and returns what
// it measured. The test suite (tests/test_patterns.cpp) and `corridor check` run the same
// functions. Calibration targets and validation patterns are kept apart by Kind: a
// calibration target was used to fit a parameter (reproducing it is not evidence); a
// validation pattern must emerge without tuning.
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace corridor::check {

// lever: a lever-response check (L1, L2, ...): does the model respond to a policy lever or
// shock as the evidence says people do? Its pass band was fixed before the model was run
// against it; like a validation pattern, it fits nothing.
enum class Kind { calibration, validation, lever };
const char* kind_name(Kind k);
enum class Size { ci, full };  // ci: small enough for CI; full: the documented full-size run

struct Options {
  Size size = Size::ci;
  int replicates = 0;         // 0 = the pattern's own default (at least 20 for validation)
  int threads = 0;            // 0 = all hardware threads
  std::string scenarios_dir;  // empty = the source tree's scenarios/ folder
  // Applied to every scenario a pattern loads, before the pattern's own overrides (so an
  // arm that sets the same key wins): how docs/CALIBRATION.md sweeps assumed parameters.
  std::vector<std::string> overrides;
};

// One simulated quantity with its spread over replicates.
struct Figure {
  std::string name;
  std::string units;
  double mean = NAN;
  double sd = NAN;  // standard deviation over replicates (NAN when n < 2)
  int n = 0;        // replicates
};

struct Result {
  std::string id;  // "C1" ... "V8"
  Kind kind = Kind::validation;
  std::string title;
  std::string target;     // what must hold, with its source (row id of data/evidence.csv)
  std::string criterion;  // the pass criterion and why it is the right one
  std::vector<Figure> figures;
  bool pass = false;
  std::string known_gap;  // copied from the registry: non-empty if the model is known to miss it
  std::string detail;     // further figures and explanation, one item per line
};

using PatternFn = Result (*)(const Options&);

struct Pattern {
  const char* id;
  Kind kind;
  const char* title;
  PatternFn run;
  // Non-empty when the model is known to fall short of this pattern (the reason, kept in
  // step with docs/VALIDATION.md). The test then expects the pattern to fail, so a model
  // change that closes the gap is noticed.
  const char* known_gap;
};

// Every pattern, calibration targets first, in id order.
const std::vector<Pattern>& all_patterns();
const Pattern* find_pattern(const std::string& id);

// Runs one pattern and fills in id, kind, title and known_gap from the registry.
Result run_pattern(const Pattern& p, const Options& options);

// Human-readable report of one result (several lines) and a one-line summary row.
std::string format_result(const Result& r);
std::string summary_row(const Result& r);

}  // namespace corridor::check
