// `corridor check`: the calibration targets and validation patterns of MODEL.md section 1.
#include <chrono>
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "check/calibration.hpp"
#include "check/check.hpp"
#include "check/day_one.hpp"
#include "cli/commands.hpp"

namespace corridor::cli {

namespace {
check::Options options_of(const CheckArgs& args) {
  check::Options o;
  o.size = args.full ? check::Size::full : check::Size::ci;
  o.replicates = args.replicates;
  o.threads = args.threads;
  o.scenarios_dir = args.scenarios_dir;
  o.overrides = args.sets;
  return o;
}
}  // namespace

int check_command(const CheckArgs& args) {
  using check::Pattern;
  std::vector<const Pattern*> selected;
  if (args.only.empty()) {
    for (const auto& p : check::all_patterns()) selected.push_back(&p);
  } else {
    for (const auto& id : args.only) {
      const Pattern* p = check::find_pattern(id);
      if (!p) {
        std::string ids;
        for (const auto& q : check::all_patterns())
          ids += std::string(ids.empty() ? "" : ", ") + q.id;
        fmt::print(stderr, "corridor check: unknown pattern '{}' (expected one of {})\n", id, ids);
        return kExitInvalid;
      }
      selected.push_back(p);
    }
  }
  const check::Options o = options_of(args);

  std::vector<check::Result> results;
  bool ok = true;
  for (const Pattern* p : selected) {
    const auto start = std::chrono::steady_clock::now();
    try {
      results.push_back(check::run_pattern(*p, o));
    } catch (const std::exception& e) {
      fmt::print(stderr, "corridor check: {} failed to run: {}\n", p->id, e.what());
      return kExitFailure;
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& r = results.back();
    fmt::print("{}  ({:.1f} s)\n\n", check::format_result(r), secs);
    std::fflush(stdout);
    const bool expected = r.known_gap.empty() ? r.pass : !r.pass;
    ok = ok && expected;
  }
  fmt::print("Summary ({} size)\n", args.full ? "full" : "CI");
  for (const auto& r : results) fmt::print("{}\n", check::summary_row(r));
  return ok ? kExitOk : kExitFailure;
}

int calibrate_command(const CheckArgs& args) {
  const check::Options o = options_of(args);
  for (const auto& id : args.only)
    if (id != "C0" && id != "C1" && id != "C2" && id != "C4" && id != "C5" && id != "C6" &&
        id != "C7") {
      fmt::print(
          stderr,
          "corridor calibrate: nothing to fit for '{}' (expected C0, C1, C2, C4, C5, C6 or C7)\n",
          id);
      return kExitInvalid;
    }
  std::vector<check::Fit> fits;
  try {
    fits = check::calibrate(o, args.only, [](const std::string& line) {
      fmt::print("{}\n", line);
      std::fflush(stdout);
    });
  } catch (const std::exception& e) {
    fmt::print(stderr, "corridor calibrate: {}\n", e.what());
    return kExitFailure;
  }
  fmt::print("\nFitted ({} size)\n", args.full ? "full" : "CI");
  for (const auto& f : fits)
    fmt::print("{:<4} {:<52} = {:>10.4f}   target {:>10.4f}, achieved {:>10.4f} ({} runs)\n", f.id,
               f.parameter, f.value, f.target, f.achieved, f.trace.size());
  return kExitOk;
}

int dayone_command(const CheckArgs& args) {
  const check::Options o = options_of(args);
  bool failed = false;
  try {
    const std::string report = check::day_one(
        o, [](const std::string& line) { fmt::print(stderr, "{}\n", line); }, &failed);
    fmt::print("{}", report);
  } catch (const std::exception& e) {
    fmt::print(stderr, "corridor dayone: {}\n", e.what());
    return kExitFailure;
  }
  return failed ? kExitFailure : kExitOk;
}

}  // namespace corridor::cli
