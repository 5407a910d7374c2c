#include "cli/commands.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>

#include <fmt/format.h>

#include <boost/math/distributions/students_t.hpp>

#include "cli/headline.hpp"
#include "cli/progress.hpp"
#include "corridor/version.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "output/hdf5_writer.hpp"

namespace corridor::cli {
namespace {

namespace fs = std::filesystem;

// Set by SIGINT/SIGTERM, read by the engine between months.
std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_interrupt(int) {
  g_cancel.store(true);
  // Only async-signal-safe calls here.
  static constexpr char kMessage[] =
      "\ncorridor: interrupted; stopping the run (interrupt again to quit at once)\n";
  ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
}

// The first SIGINT or SIGTERM asks the run to stop; SA_RESETHAND restores the default
// action, so a second one ends the process at once.
void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string plural(int64_t n, const char* singular, const char* plural_form) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural_form);
}

// Checks that the scenario file can be opened, with a plain message when it cannot.
bool readable(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    fmt::print(stderr, "corridor: cannot read scenario '{}': no such file\n", path);
    return false;
  }
  if (fs::is_directory(path, ec)) {
    fmt::print(stderr, "corridor: cannot read scenario '{}': it is a folder, not a file\n", path);
    return false;
  }
  std::ifstream in(path);
  if (!in) {
    fmt::print(stderr, "corridor: cannot read scenario '{}': {}\n", path, std::strerror(errno));
    return false;
  }
  return true;
}

// Loads and validates; on problems reports every diagnostic on stderr and returns nullopt
// with `exit_code` set.
std::optional<Spec> load(const ScenarioArgs& args, int& exit_code) {
  exit_code = kExitInvalid;
  if (!readable(args.scenario)) return std::nullopt;
  LoadResult loaded;
  try {
    loaded = load_scenario(args.scenario, overrides_of(args));
  } catch (const std::exception& e) {
    fmt::print(stderr, "corridor: error while reading '{}': {}\n", args.scenario, e.what());
    exit_code = kExitFailure;
    return std::nullopt;
  }
  if (loaded.ok()) {
    exit_code = kExitOk;
    return std::move(loaded.spec);
  }
  for (const auto& d : loaded.diagnostics) fmt::print(stderr, "{}\n", format_diagnostic(d));
  if (loaded.diagnostics.empty())
    fmt::print(stderr, "corridor: '{}' could not be loaded (no reason given)\n", args.scenario);
  else
    fmt::print(stderr, "corridor: {} in '{}'\n",
               plural(static_cast<int64_t>(loaded.diagnostics.size()), "problem", "problems"),
               args.scenario);
  return std::nullopt;
}

int64_t agent_count(const Spec& spec) {
  int64_t agents = 0;
  for (const auto& o : spec.origins) {
    if (o.strata.empty()) {
      agents += o.agents;
    } else {
      for (const auto& s : o.strata) agents += s.agents;
    }
  }
  return agents;
}

std::string summary_line(const std::string& path, const Spec& spec) {
  return fmt::format(
      "{}: valid: {}, {}, {}, {}, {}, {}", path,
      plural(static_cast<int64_t>(spec.origins.size()), "origin", "origins"),
      plural(static_cast<int64_t>(spec.destinations.size()), "destination", "destinations"),
      plural(static_cast<int64_t>(spec.corridors.size()), "corridor", "corridors"),
      plural(static_cast<int64_t>(spec.schemes.size()), "scheme", "schemes"),
      plural(static_cast<int64_t>(spec.timeline.size()), "timeline event", "timeline events"),
      plural(agent_count(spec), "agent", "agents"));
}

// Refuses an output path whose folder does not exist or cannot be written, before a long
// run rather than after it.
bool output_writable(const std::string& output) {
  std::error_code ec;
  if (fs::is_directory(output, ec)) {
    fmt::print(stderr, "corridor: output '{}' is a folder; give a file name such as {}/run.h5\n",
               output, output);
    return false;
  }
  fs::path folder = fs::path(output).parent_path();
  if (folder.empty()) folder = ".";
  if (!fs::is_directory(folder, ec)) {
    fmt::print(stderr, "corridor: cannot write '{}': folder '{}' does not exist\n", output,
               folder.string());
    return false;
  }
  if (access(folder.c_str(), W_OK) != 0) {
    fmt::print(stderr, "corridor: cannot write '{}': {}\n", output, std::strerror(errno));
    return false;
  }
  return true;
}

// Provenance the engine may not know; never overrides what it set.
void add_provenance(RunResults& results, const RunArgs& args) {
  auto add = [&](const std::string& key, const std::string& value) {
    if (!results.text_attributes.count(key) && !results.number_attributes.count(key))
      results.text_attributes[key] = value;
  };
  add("corridor_version", kVersion);
  add("git_revision", kGitRevision);
  add("build_flags", kBuildFlags);
  if (!args.command_line.empty()) add("command_line", args.command_line);
}

// Runs `body` (simulations) and maps an interrupt or a failure to its exit code, with the
// message on stderr; kExitOk when it ran through uninterrupted.
int guarded(Progress& progress, const std::function<void()>& body) {
  try {
    body();
  } catch (const RunCancelled&) {
    progress.finish();
    fmt::print(stderr, "corridor: run cancelled; nothing written\n");
    return kExitCancelled;
  } catch (const std::exception& e) {
    progress.finish();
    fmt::print(stderr, "corridor: run failed: {}\n", e.what());
    return kExitFailure;
  }
  progress.finish();
  if (g_cancel.load()) {  // interrupted after the last month
    fmt::print(stderr, "corridor: run cancelled; nothing written\n");
    return kExitCancelled;
  }
  return kExitOk;
}

}  // namespace

std::vector<std::string> overrides_of(const ScenarioArgs& args) {
  std::vector<std::string> overrides = args.sets;
  if (args.replicates) overrides.push_back(fmt::format("run.replicates={}", *args.replicates));
  if (args.seed) overrides.push_back(fmt::format("run.seed={}", *args.seed));
  if (args.months) overrides.push_back(fmt::format("run.months={}", *args.months));
  return overrides;
}

std::string default_output_path(const std::string& scenario) {
  return fs::path(scenario).stem().string() + ".h5";
}

int validate_command(const ScenarioArgs& args) {
  int code = kExitOk;
  auto spec = load(args, code);
  if (!spec) return code;
  fmt::print("{}\n", summary_line(args.scenario, *spec));
  return kExitOk;
}

int run_command(const RunArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  int code = kExitOk;
  auto spec = load(args, code);
  if (!spec) return code;
  const std::string output = args.output.empty() ? default_output_path(args.scenario) : args.output;
  if (!output_writable(output)) return kExitInvalid;

  install_interrupt_handlers();
  Progress progress(Progress::mode_for(args.quiet, stderr), stderr);
  RunOptions options;
  options.threads = args.threads;
  options.cancel = &g_cancel;
  options.progress = [&progress](int64_t done, int64_t total) { progress.update(done, total); };

  RunResults results;
  if (const int status = guarded(progress, [&] { results = run_simulation(*spec, options); });
      status != kExitOk)
    return status;

  add_provenance(results, args);
  try {
    write_results_hdf5(output, results);
  } catch (const std::exception& e) {
    fmt::print(stderr, "corridor: writing failed: {}\n", e.what());
    return kExitFailure;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::error_code ec;
  const auto bytes = fs::file_size(output, ec);
  const double mib = ec ? 0.0 : static_cast<double>(bytes) / (1024.0 * 1024.0);

  if (args.headline_tsv == "-") {
    fmt::print("{}", headline_tsv(results));
  } else {
    fmt::print("{}", headline_table(results));
    if (!args.headline_tsv.empty()) {
      // Written under a temporary name and renamed, so no half-written file is left.
      const std::string tmp = args.headline_tsv + ".part";
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << headline_tsv(results);
      out.close();
      std::error_code rename_error;
      if (out.fail() || (fs::rename(tmp, args.headline_tsv, rename_error), rename_error)) {
        fs::remove(tmp, rename_error);
        fmt::print(stderr, "corridor: cannot write '{}'\n", args.headline_tsv);
        return kExitFailure;
      }
    }
  }
  fmt::print(args.headline_tsv == "-" ? stderr : stdout, "wrote {} ({:.{}f} MiB, {:.1f} s)\n",
             output, mib, mib < 0.1 ? 3 : 1, seconds);
  std::fflush(stdout);
  return kExitOk;
}

namespace {

// Per-replicate value of one headline indicator for scheme-axis entry j (sexes summed):
// a ratio num/den for ratio columns, a count otherwise; NAN where undefined.
std::vector<double> per_replicate_value(const RunResults& r, const HeadlineColumn& c, size_t j) {
  const std::string base = "summary/" + std::string(c.name);
  auto sums = [&](const Dataset* d) {
    std::vector<double> v;
    if (!d || d->shape.size() != 3) return v;
    const size_t n = d->shape[1], sexes = d->shape[2];
    v.assign(d->shape[0], 0.0);
    for (size_t rep = 0; rep < d->shape[0]; ++rep)
      for (size_t s = 0; s < sexes; ++s) v[rep] += d->data[(rep * n + j) * sexes + s];
    return v;
  };
  if (!c.ratio) return sums(r.find(base));
  const auto num = sums(r.find(base + "_num")), den = sums(r.find(base + "_den"));
  const Dataset* ratio = r.find(base);
  const double scale =
      c.percent && ratio && (ratio->units == "share" || ratio->units == "fraction") ? 100.0 : 1.0;
  std::vector<double> v(num.size(), std::numeric_limits<double>::quiet_NaN());
  for (size_t k = 0; k < num.size() && k < den.size(); ++k)
    if (den[k] != 0) v[k] = scale * num[k] / den[k];
  return v;
}

std::string cell(double x, int decimals) {
  if (std::isnan(x)) return "—";
  const int d = std::fabs(x) >= 100.0 ? 0 : decimals;
  std::string t = fmt::format("{:.{}f}", x == 0.0 ? 0.0 : x, d);
  if (t.find_first_not_of("-0.") == std::string::npos && t[0] == '-') t.erase(0, 1);
  return t;
}

}  // namespace

int compare_command(const CompareArgs& args) {
  int code = kExitOk;
  auto pilot = load(args, code);
  if (!pilot) return code;
  ScenarioArgs base_args = args;
  base_args.scenario = args.baseline.empty() ? pilot->base_file : args.baseline;
  if (base_args.scenario.empty()) {
    fmt::print(stderr,
               "corridor compare: '{}' names no base scenario; give the baseline as a second "
               "argument\n",
               args.scenario);
    return kExitInvalid;
  }
  auto baseline = load(base_args, code);
  if (!baseline) return code;
  // Common random numbers: the baseline runs with the pilot's seed, replicates, months and
  // burn-in, so replicate r of both arms draws the same numbers for the same agent.
  baseline->run.seed = pilot->run.seed;
  baseline->run.replicates = pilot->run.replicates;
  baseline->run.months = pilot->run.months;
  baseline->run.burn_in = pilot->run.burn_in;

  install_interrupt_handlers();
  Progress progress(Progress::mode_for(args.quiet, stderr), stderr);
  RunOptions options;
  options.threads = args.threads;
  options.cancel = &g_cancel;
  const int64_t per_arm = pilot->run.months * pilot->run.replicates;
  RunResults results[2];
  if (const int status =
          guarded(progress,
                  [&] {
                    for (int arm = 0; arm < 2; ++arm) {
                      options.progress = [&progress, arm, per_arm](int64_t done, int64_t) {
                        progress.update(arm * per_arm + done, 2 * per_arm);
                      };
                      results[arm] = run_simulation(arm == 0 ? *baseline : *pilot, options);
                    }
                  });
      status != kExitOk)
    return status;

  const auto& axis_b = results[0].axes.at("schemes");
  const auto& axis_p = results[1].axes.at("schemes");
  const int64_t reps = pilot->run.replicates;
  const double t = reps > 1 ? boost::math::quantile(boost::math::complement(
                                  boost::math::students_t(static_cast<double>(reps - 1)), 0.025))
                            : std::numeric_limits<double>::quiet_NaN();
  fmt::print("baseline {}  vs  pilot {}\n", base_args.scenario, args.scenario);
  fmt::print(
      "seed {}, {} replicates, months {} (burn-in {}); values as in `corridor run`'s headline "
      "table;\ndifference = pilot - baseline with a 95% t interval of the paired "
      "per-replicate differences.\n",
      pilot->run.seed, reps, pilot->run.months, pilot->run.burn_in);
  for (size_t jp = 0; jp < axis_p.size(); ++jp) {
    const auto it = std::find(axis_b.begin(), axis_b.end(), axis_p[jp]);
    if (it == axis_b.end()) continue;
    const size_t jb = static_cast<size_t>(it - axis_b.begin());
    std::string block;
    for (const auto& c : headline_columns()) {
      const auto vb = headline_values(results[0], c)[jb];
      const auto vp = headline_values(results[1], c)[jp];
      if (!vb && !vp) continue;
      const auto rb = per_replicate_value(results[0], c, jb);
      const auto rp = per_replicate_value(results[1], c, jp);
      double sum = 0, sum2 = 0;
      int n = 0;
      for (size_t k = 0; k < rb.size() && k < rp.size(); ++k) {
        const double d = rp[k] - rb[k];
        if (std::isnan(d)) continue;
        sum += d;
        sum2 += d * d;
        ++n;
      }
      const double mean = n ? sum / n : std::numeric_limits<double>::quiet_NaN();
      const double sd = n > 1 ? std::sqrt(std::max(0.0, (sum2 - n * mean * mean) / (n - 1)))
                              : std::numeric_limits<double>::quiet_NaN();
      const double half = n > 1 ? t * sd / std::sqrt(static_cast<double>(n))
                                : std::numeric_limits<double>::quiet_NaN();
      const double diff = vb && vp ? *vp - *vb : std::numeric_limits<double>::quiet_NaN();
      const std::string name = fmt::format("{} ({})", c.title, c.subtitle);
      block += fmt::format("  {:<26} {:>12} {:>12} {:>12}   [{}, {}]\n", name,
                           cell(vb ? *vb : NAN, c.decimals + 1),
                           cell(vp ? *vp : NAN, c.decimals + 1), cell(diff, c.decimals + 1),
                           cell(mean - half, c.decimals + 1), cell(mean + half, c.decimals + 1));
    }
    if (block.empty()) continue;
    fmt::print("\n{}\n  {:<26} {:>12} {:>12} {:>12}   {}\n{}", axis_p[jp], "indicator", "baseline",
               "pilot", "difference", "95% interval (paired)", block);
  }
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace corridor::cli
