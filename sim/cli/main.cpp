// corridor: the command line. `corridor run SCENARIO` simulates a scenario and writes an
// HDF5 file; `corridor validate SCENARIO` only checks it. See README.md.
#include <CLI/CLI.hpp>

#include <string>

#include "cli/commands.hpp"
#include "corridor/version.hpp"

namespace {

using corridor::cli::RunArgs;
using corridor::cli::ScenarioArgs;

std::string version_text() {
  return std::string("corridor ") + corridor::kVersion + " (git " + corridor::kGitRevision +
         ")\nbuild: " + corridor::kBuildFlags;
}

// The command line as typed, for the output file's provenance.
std::string join_arguments(int argc, char** argv) {
  std::string text;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (i) text += ' ';
    if (arg.find_first_of(" \t\"'\\$`") == std::string::npos && !arg.empty()) {
      text += arg;
    } else {
      text += '\'';
      for (char c : arg) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
      text += '\'';
    }
  }
  return text;
}

// SCENARIO, --set and the --replicates/--seed/--months shorthands, shared by both commands.
void add_scenario_options(CLI::App& command, ScenarioArgs& args) {
  command.add_option("SCENARIO", args.scenario, "Scenario file (TOML)")->required();
  command
      .add_option("--set", args.sets,
                  "Override one key of the scenario, e.g. --set schemes.x.fee_cap_months=1 "
                  "(repeatable)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
  command.add_option("--replicates", args.replicates, "Same as --set run.replicates=N")
      ->type_name("N");
  command.add_option("--seed", args.seed, "Same as --set run.seed=S")->type_name("S");
  command.add_option("--months", args.months, "Same as --set run.months=M")->type_name("M");
}

// The options shared by `check` and `calibrate`.
void add_check_options(CLI::App& command, corridor::cli::CheckArgs& args, const char* only_help,
                       const char* replicates_help) {
  command.add_flag("--full", args.full,
                   "Full size (the documented full run) instead of the CI size");
  command.add_option("--only", args.only, only_help)->delimiter(',')->type_name("ID,...");
  command.add_option("--replicates", args.replicates, replicates_help)
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  command.add_option("--threads", args.threads, "Worker threads (default 0: all cores)")
      ->type_name("T")
      ->check(CLI::NonNegativeNumber);
  command
      .add_option("--set", args.sets,
                  "Override a key in every scenario loaded, before each pattern's own overrides, "
                  "e.g. --set behaviour.lambda=0.1 (repeatable; for sensitivity sweeps)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
  command
      .add_option("--scenarios", args.scenarios_dir,
                  "Folder of the scenario files (default: the source tree's scenarios/)")
      ->type_name("DIR");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Corridor: an agent-based simulator of labour migration corridors, recruitment "
      "schemes and circular return.",
      "corridor"};
  app.set_version_flag("--version", version_text(), "Print the version and git revision");
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 run failed, 2 invalid arguments or scenario, 130 "
      "interrupted.\nRun 'corridor COMMAND --help' for the options of a command.");

  RunArgs run_args;
  CLI::App* run =
      app.add_subcommand("run", "Simulate a scenario and write its results to an HDF5 file");
  add_scenario_options(*run, run_args);
  run->add_option("-o,--output", run_args.output,
                  "Output file (default: <scenario name>.h5 in the current folder)")
      ->type_name("OUT.h5");
  run->add_option("--threads", run_args.threads,
                  "Worker threads (default 0: the scenario's run.threads, else all cores)")
      ->type_name("T")
      ->check(CLI::NonNegativeNumber);
  run->add_flag("-q,--quiet", run_args.quiet, "No progress on stderr");
  run->add_option("--headline-tsv", run_args.headline_tsv,
                  "Also write the headline indicators as tab-separated values at full precision "
                  "(- for standard output, in place of the table)")
      ->type_name("FILE");

  ScenarioArgs validate_args;
  CLI::App* validate = app.add_subcommand(
      "validate", "Check a scenario (with its overrides) and summarise it, without running it");
  add_scenario_options(*validate, validate_args);

  corridor::cli::CompareArgs compare_args;
  CLI::App* compare = app.add_subcommand(
      "compare",
      "Run a pilot and its baseline with the same seeds (common random numbers) and print "
      "the headline indicators of both with paired differences");
  add_scenario_options(*compare, compare_args);
  compare->add_option("BASELINE", compare_args.baseline,
                      "Baseline scenario (default: the base file the pilot names)");
  compare->add_option("--threads", compare_args.threads, "Worker threads (default 0: all cores)")
      ->type_name("T")
      ->check(CLI::NonNegativeNumber);
  compare->add_flag("-q,--quiet", compare_args.quiet, "No progress on stderr");

  corridor::cli::CheckArgs check_args;
  CLI::App* check = app.add_subcommand(
      "check",
      "Run the calibration targets C1-C6 and validation patterns V1-V8 of MODEL.md section 1 "
      "on the scenarios and print each target, the simulated figures and the verdict");
  add_check_options(*check, check_args, "Pattern ids to run, e.g. --only C1,V4a",
                    "Replicates per arm (default: each pattern's own, at least 20 for validation)");

  corridor::cli::CheckArgs calibrate_args;
  CLI::App* calibrate = app.add_subcommand(
      "calibrate",
      "Fit the calibrated parameters (b, then C7, C1, C2, C4, C5 and C6) to their targets and "
      "print every value tried and the values found (docs/CALIBRATION.md)");
  add_check_options(*calibrate, calibrate_args, "Targets to fit, e.g. --only C4,C6",
                    "Replicates per evaluation (default: each target's own)");

  corridor::cli::CheckArgs dayone_args;
  CLI::App* dayone = app.add_subcommand(
      "dayone",
      "The day-one check of core v2: predict the exit choices behind V1, V5, V7 and the "
      "contract-length row from the value functions over the grid of unpinned constants, and "
      "test the design's failure conditions (Markdown on stdout; docs/CALIBRATION.md)");
  add_check_options(*dayone, dayone_args, "(unused)", "(unused: one replicate per arm)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, the version or the error
    return code == 0 ? corridor::cli::kExitOk : corridor::cli::kExitInvalid;
  }

  if (run->parsed()) {
    run_args.command_line = join_arguments(argc, argv);
    return corridor::cli::run_command(run_args);
  }
  if (check->parsed()) return corridor::cli::check_command(check_args);
  if (compare->parsed()) return corridor::cli::compare_command(compare_args);
  if (calibrate->parsed()) return corridor::cli::calibrate_command(calibrate_args);
  if (dayone->parsed()) return corridor::cli::dayone_command(dayone_args);
  return corridor::cli::validate_command(validate_args);
}
