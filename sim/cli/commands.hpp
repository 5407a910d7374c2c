// The two commands, `corridor validate` and `corridor run`, behind the argument parsing of
// main.cpp. Each returns the process exit code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corridor::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;      // the run failed (message on stderr)
inline constexpr int kExitInvalid = 2;      // bad arguments or an invalid scenario
inline constexpr int kExitCancelled = 130;  // interrupted (SIGINT or SIGTERM)

struct ScenarioArgs {
  std::string scenario;               // path of the scenario file
  std::vector<std::string> sets;      // --set PATH=VALUE, in order
  std::optional<int64_t> replicates;  // shorthands for --set run.KEY=VALUE
  std::optional<int64_t> seed;
  std::optional<int64_t> months;
};

struct RunArgs : ScenarioArgs {
  std::string output;        // empty = "<scenario stem>.h5" in the current folder
  int threads = 0;           // 0 = the scenario's run.threads
  bool quiet = false;        // no progress
  std::string command_line;  // recorded in the output file
  std::string headline_tsv;  // also write the headline values here at full precision ("-":
                             // stdout, instead of the table)
};

// The overrides passed to the loader: every --set in order, then the shorthands (so a
// shorthand wins over a --set of the same key).
std::vector<std::string> overrides_of(const ScenarioArgs& args);

// Where `run` writes when no -o is given: "<scenario stem>.h5" in the current folder.
std::string default_output_path(const std::string& scenario);

struct CheckArgs {
  bool full = false;              // full size instead of CI size
  std::vector<std::string> only;  // pattern ids; empty = all
  int replicates = 0;             // 0 = each pattern's own
  int threads = 0;                // 0 = all hardware threads
  std::string scenarios_dir;      // empty = the source tree's scenarios/
  std::vector<std::string> sets;  // --set PATH=VALUE applied to every scenario loaded
};

struct CompareArgs : ScenarioArgs {  // scenario = the pilot
  std::string baseline;              // empty = the base file the pilot names
  int threads = 0;
  bool quiet = false;
};

int validate_command(const ScenarioArgs& args);
// Runs a pilot and its baseline with the same seed, replicates and months (common random
// numbers) and prints, per scheme and headline indicator, both values, the difference and
// a 95% interval of the paired per-replicate differences.
int compare_command(const CompareArgs& args);
// Runs the patterns of MODEL.md 1 and prints each; exit 0 when every one passes or is a
// listed known gap, 1 otherwise, 2 for an unknown id.
int check_command(const CheckArgs& args);
// Runs the calibration fits and prints the values tried and found.
int calibrate_command(const CheckArgs& args);
int dayone_command(const CheckArgs& args);
int run_command(const RunArgs& args);

}  // namespace corridor::cli
