// corridor_bench: Google Benchmark microbenchmarks of each pass of the monthly step, and
// (with --table) the issue-5 performance table: throughput, effective memory traffic
// beside a STREAM triad measured in the same run, scaling over threads, peak resident set
// per agent and a sweep over agent counts. Every simulation of the table runs in a child
// process (this program re-executed with --child) so that each size's peak RSS is its own
// (wait4 returns the child's rusage). See bench/README.md.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/version.hpp"
#include "engine/replicate.hpp"
#include "engine/rng.hpp"
#include "engine/world.hpp"
#include "input/scenario_loader.hpp"

#ifndef CORRIDOR_BENCH_REFERENCE
#define CORRIDOR_BENCH_REFERENCE "bench/reference.toml"
#endif

namespace {

using corridor::Replicate;
using Clock = std::chrono::steady_clock;

// ---- The reference scenario at a given size ---------------------------------------------

// Origins of bench/reference.toml: name, share of the agents, people (fixed at every size).
struct OriginShare {
  const char* name;
  double share;
  double people;
};
constexpr std::array<OriginShare, 3> kOrigins = {
    {{"ph", 0.5, 5.0e6}, {"mx", 0.25, 2.5e6}, {"ma", 0.25, 2.5e6}}};

std::string scenario_path = CORRIDOR_BENCH_REFERENCE;

std::string fmt_double(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

// The reference scenario with `agents` agents in all (same people, weight = people/agents).
corridor::Spec reference_spec(int64_t agents, int64_t months) {
  std::vector<std::string> overrides;
  int64_t left = agents;
  for (size_t o = 0; o < kOrigins.size(); ++o) {
    const int64_t n = o + 1 == kOrigins.size()
                          ? left
                          : static_cast<int64_t>(static_cast<double>(agents) * kOrigins[o].share);
    left -= n;
    overrides.push_back(std::string("origins.") + kOrigins[o].name +
                        ".agents=" + std::to_string(n));
    overrides.push_back(std::string("origins.") + kOrigins[o].name +
                        ".weight=" + fmt_double(kOrigins[o].people / static_cast<double>(n)));
  }
  if (months > 0) {
    // Shorter runs keep a burn-in shorter than the run (it only affects summaries).
    overrides.push_back("run.months=" + std::to_string(months));
    overrides.push_back("run.burn_in=" + std::to_string(std::min<int64_t>(60, months / 4)));
  }
  overrides.push_back("run.replicates=1");
  auto loaded = corridor::load_scenario(scenario_path, overrides);
  if (!loaded.ok()) {
    std::string msg = "cannot load " + scenario_path + ":";
    for (const auto& d : loaded.diagnostics) msg += "\n  " + corridor::format_diagnostic(d);
    throw std::runtime_error(msg);
  }
  return *loaded.spec;
}

// ---- Memory traffic model -----------------------------------------------------------------

// Bytes of agent state each pass streams per agent in the common path (an agent at home
// with nothing to do this month, the large majority), counted from the code of each pass
// at column granularity (loans are in a per-block pool only while owed, so an agent without
// debt reads only its 2-byte slot). Agents with something to do read more; this is a lower bound
// of the traffic. Keep it in step with the engine (bench/README.md explains the count).
struct PassBytes {
  const char* pass;
  int bytes;
  const char* columns;
};
constexpr std::array<PassBytes, 12> kTrafficModel = {{
    {"snapshot", 2, "status r, snap_status w"},
    {"wealth_quintiles", 59,
     "radix selection, a range pass and (typically) 3 digit passes: status, origin, "
     "home_savings r x4; assign: status, home_savings, origin, band, stratum r, "
     "wealth_quintile w"},
    {"demography", 4, "age r+w"},
    {"home_budget", 49,
     "snap, status, origin, generation, placement_until, home_employed rw, stratum, band, "
     "h_home, household, others_employed rw, business_age, reunified, home_savings rw, "
     "record, trips, loan_slot r (loans live in a pool only while owed)"},
    {"decide", 17,
     "re-hire filter (about 2 scans a month): status, last_scheme r; status, attempts_left, "
     "informed, ban_until, generation, origin r"},
    {"select", 3, "filters: status r x2, attempts_left r"},
    {"work", 5, "filter: snap r; snap, status, trip slot r (this month's pay: trip state)"},
    {"remit", 1, "snap r"},
    {"contract_ends", 4, "filter: status r; status, channel r"},
    {"reintegrate", 5, "origin, return_month, status r"},
    {"record", 30,
     "channel, status, stratum, sex, trips, origin, trip slot (balances abroad), "
     "home_savings, business_capital, loan slot r"},
    {"update_aggregates", 3, "filter: status, legal_since r"},
}};
int traffic_bytes_per_agent_month() {
  int b = 0;
  for (const auto& p : kTrafficModel) b += p.bytes;
  return b;
}

// ---- STREAM triad ------------------------------------------------------------------------

// a = b + s c over n doubles on `threads` threads; best of `reps`; GB/s counting 24 bytes
// an element (STREAM's convention: two reads, one write, no write-allocate).
double stream_triad_gbs(size_t n, int threads, int reps) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<size_t>(threads));
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
  const size_t chunk = 1 << 16;
  const size_t chunks = (n + chunk - 1) / chunk;
  tbb::static_partitioner part;
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, chunks, 1),
      [&](const tbb::blocked_range<size_t>& r) {
        for (size_t k = r.begin(); k != r.end(); ++k)
          for (size_t i = k * chunk; i < std::min(n, (k + 1) * chunk); ++i) {
            a[i] = 0.0;
            b[i] = 1.0;
            c[i] = 2.0;
          }
      },
      part);
  double best = 1e30;
  for (int rep = 0; rep < reps; ++rep) {
    const auto t0 = Clock::now();
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, chunks, 1),
        [&](const tbb::blocked_range<size_t>& r) {
          double* __restrict pa = a.get();
          const double* __restrict pb = b.get();
          const double* __restrict pc = c.get();
          for (size_t k = r.begin(); k != r.end(); ++k) {
            const size_t hi = std::min(n, (k + 1) * chunk);
            for (size_t i = k * chunk; i < hi; ++i) pa[i] = pb[i] + 3.0 * pc[i];
          }
        },
        part);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  benchmark::DoNotOptimize(a[n / 2]);
  return 24.0 * static_cast<double>(n) / best / 1e9;
}

// ---- One simulation (child mode) ---------------------------------------------------------

struct ChildResult {
  int64_t agents = 0, months = 0;
  int threads = 0;
  double init_s = 0, run_s = 0;
  std::array<double, Replicate::kPasses> pass_s{};
  double wall_s = 0;     // measured by the parent: spawn to exit
  long max_rss_kib = 0;  // from wait4
  bool ok = false;
};

int child_main(int64_t agents, int64_t months, int threads) {
  {
    // If memory runs out, the benchmark child is the process to stop, not a neighbour.
    std::ofstream oom("/proc/self/oom_score_adj");
    oom << 1000;
  }
  const corridor::Spec spec = reference_spec(agents, months);
  const corridor::World world = corridor::build_world(spec);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<size_t>(threads));
  const auto t0 = Clock::now();
  Replicate rep(spec, world, 0);
  rep.initialise();
  const auto t1 = Clock::now();
  std::array<double, Replicate::kPasses> pass{};
  for (int64_t m = 0; m < spec.run.months; ++m) rep.step(m, pass.data());
  const auto t2 = Clock::now();
  std::printf("result %lld %lld %d %.9f %.9f", static_cast<long long>(rep.agents().size()),
              static_cast<long long>(spec.run.months), threads,
              std::chrono::duration<double>(t1 - t0).count(),
              std::chrono::duration<double>(t2 - t1).count());
  for (double p : pass) std::printf(" %.9f", p);
  std::printf("\n");
  return 0;
}

std::string self_exe;

ChildResult run_child(int64_t agents, int64_t months, int threads) {
  ChildResult res;
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe failed");
  std::fflush(stdout);
  std::fflush(stderr);
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(fd[1], STDOUT_FILENO);
    close(fd[0]);
    close(fd[1]);
    const std::string a = std::to_string(agents), m = std::to_string(months),
                      t = std::to_string(threads);
    execl(self_exe.c_str(), self_exe.c_str(), "--child", a.c_str(), m.c_str(), t.c_str(),
          "--scenario", scenario_path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fd[1]);
  std::string out;
  char buf[4096];
  ssize_t got;
  while ((got = read(fd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(got));
  close(fd[0]);
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  res.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
  res.max_rss_kib = ru.ru_maxrss;
  const auto pos = out.find("result ");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || pos == std::string::npos) {
    std::fprintf(stderr, "child (%lld agents, %lld months, %d threads) failed: %s\n",
                 static_cast<long long>(agents), static_cast<long long>(months), threads,
                 out.c_str());
    return res;
  }
  std::istringstream in(out.substr(pos + 7));
  in >> res.agents >> res.months >> res.threads >> res.init_s >> res.run_s;
  for (double& p : res.pass_s) in >> p;
  res.ok = static_cast<bool>(in);
  return res;
}

// ---- The table ---------------------------------------------------------------------------

std::string first_line_of(const char* path, const char* key) {
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line))
    if (line.rfind(key, 0) == 0) {
      const auto c = line.find(':');
      return c == std::string::npos ? line : line.substr(c + 2);
    }
  return "?";
}
std::string loadavg() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}

double rate_of(const ChildResult& r) {
  return r.run_s > 0 ? static_cast<double>(r.agents * r.months) / r.run_s : 0.0;
}
double rss_per_agent(const ChildResult& r) {
  return r.agents > 0 ? static_cast<double>(r.max_rss_kib) * 1024.0 / static_cast<double>(r.agents)
                      : 0.0;
}

struct TableOptions {
  int64_t agents = 1000000;
  int64_t months = 240;
  int64_t scaling_months = 60;
  int64_t sweep_months = 36;
  std::vector<int64_t> sweep = {100000, 1000000, 10000000};
  bool big = false;
  bool big_only = false;  // only the large run
  int64_t big_agents = 50000000, big_months = 120;
  size_t stream_n = size_t{1} << 25;  // 3 x 256 MiB
  int repeat = 3;  // scaling: best of this many runs per thread count, interleaved
};

// The large run (50 million agents x 120 months by default), with the load at the end.
int big_run(const TableOptions& o, int all) {
  std::printf("## Large run (%lld agents, %lld months, %d threads)\n\n",
              static_cast<long long>(o.big_agents), static_cast<long long>(o.big_months), all);
  std::printf("- load average at start: %s\n\n", loadavg().c_str());
  std::fflush(stdout);
  const ChildResult r = run_child(o.big_agents, o.big_months, all);
  std::printf("| measure | value |\n|---|---|\n");
  std::printf("| completed | %s |\n", r.ok ? "yes" : "no");
  std::printf("| wall time, spawn to exit (s) | %.1f |\n", r.wall_s);
  std::printf("| initialise (s) | %.1f |\n| monthly loop (s) | %.1f |\n", r.init_s, r.run_s);
  std::printf("| agent-months per second | %.3g |\n", rate_of(r));
  std::printf("| peak RSS (GiB) | %.2f |\n", static_cast<double>(r.max_rss_kib) / 1048576.0);
  std::printf("| peak RSS per agent (bytes) | %.0f |\n\n", rss_per_agent(r));
  std::printf("- load average at end: %s\n", loadavg().c_str());
  return r.ok ? 0 : 1;
}

int table_main(const TableOptions& o) {
  const int all = tbb::info::default_concurrency();
  std::printf("# corridor_bench --table\n\n");
  std::printf("- revision: %s (%s)\n", corridor::kGitRevision, corridor::kBuildFlags);
  std::printf("- machine: nproc %ld, %s\n", sysconf(_SC_NPROCESSORS_ONLN),
              first_line_of("/proc/cpuinfo", "model name").c_str());
  std::printf("- load average at start: %s\n", loadavg().c_str());
  std::printf("- scenario: %s (agents and weights set per size, population fixed)\n\n",
              scenario_path.c_str());
  std::fflush(stdout);

  if (o.big_only) return big_run(o, all);
  const double triad_all = stream_triad_gbs(o.stream_n, all, 5);
  const double triad_1 = stream_triad_gbs(o.stream_n, 1, 5);

  // Throughput on the reference scenario, all threads.
  const ChildResult thr = run_child(o.agents, o.months, all);
  const double rate = rate_of(thr);
  const int bytes = traffic_bytes_per_agent_month();
  std::printf("## Throughput (%lld agents, %lld months, %d threads)\n\n",
              static_cast<long long>(thr.agents), static_cast<long long>(thr.months), all);
  std::printf("| measure | value |\n|---|---|\n");
  std::printf("| agent-months per second (monthly loop) | %.3g |\n", rate);
  std::printf("| initialise (s) | %.2f |\n", thr.init_s);
  std::printf("| monthly loop (s) | %.2f |\n", thr.run_s);
  std::printf("| peak RSS per agent (bytes) | %.0f |\n", rss_per_agent(thr));
  std::printf("| agent state streamed per agent-month (bytes, model) | %d |\n", bytes);
  std::printf("| effective memory traffic (GB/s) | %.2f |\n", rate * bytes / 1e9);
  std::printf("| STREAM triad, %d threads (GB/s) | %.2f |\n", all, triad_all);
  std::printf("| STREAM triad, 1 thread (GB/s) | %.2f |\n", triad_1);
  std::printf("| traffic / triad | %.1f%% |\n\n", 100.0 * rate * bytes / 1e9 / triad_all);
  std::printf("Time by pass (share of the monthly loop):\n\n| pass | s | share |\n|---|---|---|\n");
  for (int p = 0; p < Replicate::kPasses; ++p)
    std::printf("| %s | %.3f | %.1f%% |\n", Replicate::kPassNames[static_cast<size_t>(p)],
                thr.pass_s[static_cast<size_t>(p)],
                100.0 * thr.pass_s[static_cast<size_t>(p)] / std::max(1e-12, thr.run_s));
  std::printf("\nTraffic model (bytes of agent state per agent-month, agent at home):\n\n");
  std::printf("| pass | bytes | columns |\n|---|---|---|\n");
  for (const auto& p : kTrafficModel) std::printf("| %s | %d | %s |\n", p.pass, p.bytes, p.columns);
  std::printf("\n");
  std::fflush(stdout);

  // Scaling over threads.
  std::vector<int> counts = {1, 2};
  if (all > 2) counts.push_back(all);
  std::printf("## Scaling (%lld agents, %lld months)\n\n", static_cast<long long>(o.agents),
              static_cast<long long>(o.scaling_months));
  std::printf("| threads | monthly loop (s) | agent-months/s | speed-up | efficiency |\n");
  std::printf("|---|---|---|---|---|\n");
  // Best of `repeat` runs per thread count, the counts interleaved (1, 2, 1, 2, ...) so that
  // a passing disturbance of a shared or virtual machine does not fall on one count only.
  std::vector<ChildResult> best(counts.size());
  for (int k = 0; k < std::max(1, o.repeat); ++k)
    for (size_t c = 0; c < counts.size(); ++c) {
      const ChildResult r = run_child(o.agents, o.scaling_months, counts[c]);
      if (k == 0 || r.run_s < best[c].run_s) best[c] = r;
    }
  const double t1 = best[0].run_s;
  for (size_t c = 0; c < counts.size(); ++c) {
    const ChildResult& r = best[c];
    std::printf("| %d | %.2f | %.3g | %.2f | %.0f%% |\n", counts[c], r.run_s, rate_of(r),
                t1 / r.run_s, 100.0 * t1 / r.run_s / counts[c]);
  }
  std::printf("\n(best of %d runs per thread count, interleaved; all hardware threads: %d)\n\n",
              std::max(1, o.repeat), all);
  std::fflush(stdout);

  // Sweep over agent counts.
  std::printf("## Sweep (%lld months, %d threads)\n\n", static_cast<long long>(o.sweep_months),
              all);
  std::printf(
      "| agents | initialise (s) | monthly loop (s) | agent-months/s | peak RSS (MiB) | "
      "peak RSS per agent (bytes) |\n|---|---|---|---|---|---|\n");
  for (int64_t n : o.sweep) {
    const ChildResult r = run_child(n, o.sweep_months, all);
    std::printf("| %lld | %.2f | %.2f | %.3g | %.0f | %.0f |\n", static_cast<long long>(n),
                r.init_s, r.run_s, rate_of(r), static_cast<double>(r.max_rss_kib) / 1024.0,
                rss_per_agent(r));
    std::fflush(stdout);
  }
  std::printf("\n");
  if (o.big) return big_run(o, all);
  std::printf("- load average at end: %s\n", loadavg().c_str());
  return 0;
}

// ---- Microbenchmarks ---------------------------------------------------------------------

constexpr int64_t kMicroAgents = 100000;
constexpr int64_t kMicroWarm = 24;

struct MicroState {
  corridor::Spec spec;
  corridor::World world;
  std::unique_ptr<Replicate> rep;
  int64_t month = 0;
  MicroState() : spec(reference_spec(kMicroAgents, 0)), world(corridor::build_world(spec)) {
    reset();
  }
  void reset() {
    rep = std::make_unique<Replicate>(spec, world, 0);
    rep->initialise();
    for (month = 0; month < kMicroWarm; ++month) rep->step(month);
  }
  // One month; returns each pass's seconds.
  std::array<double, Replicate::kPasses> step() {
    if (month >= spec.run.months) reset();
    std::array<double, Replicate::kPasses> s{};
    rep->step(month++, s.data());
    return s;
  }
};
MicroState& micro() {
  static MicroState s;
  return s;
}

// One pass of the monthly step on the reference scenario (100,000 agents, after 24 months),
// timed inside a whole month so that every pass sees the state it sees in a run.
void BM_Pass(benchmark::State& state) {
  const auto pass = static_cast<size_t>(state.range(0));
  state.SetLabel(Replicate::kPassNames[pass]);
  auto& m = micro();
  for (auto _ : state) state.SetIterationTime(m.step()[pass]);
  state.SetItemsProcessed(state.iterations() * kMicroAgents);
}
// 24 months each: a pass of a few microseconds would otherwise need thousands of months to
// reach the default minimum time.
BENCHMARK(BM_Pass)
    ->DenseRange(0, Replicate::kPasses - 1)
    ->UseManualTime()
    ->Iterations(24)
    ->Unit(benchmark::kMicrosecond);

void BM_Month(benchmark::State& state) {
  auto& m = micro();
  for (auto _ : state) {
    const auto s = m.step();
    double total = 0;
    for (double x : s) total += x;
    state.SetIterationTime(total);
  }
  state.SetItemsProcessed(state.iterations() * kMicroAgents);
}
BENCHMARK(BM_Month)->UseManualTime()->Iterations(24)->Unit(benchmark::kMillisecond);

// The counter-based generator: one stream opened and one uniform drawn (the common case).
void BM_RngUniform(benchmark::State& state) {
  uint64_t agent = 0;
  double sum = 0;
  for (auto _ : state) {
    corridor::Rng r(1, 0, corridor::Stream::kConsider, agent++, 0, 7);
    sum += r.uniform();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RngUniform);

std::vector<int64_t> parse_list(const char* s) {
  std::vector<int64_t> v;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) v.push_back(std::stoll(item));
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    self_exe = "/proc/self/exe";
    {
      char buf[4096];
      const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
      if (n > 0) self_exe.assign(buf, static_cast<size_t>(n));
    }
    bool table = false;
    TableOptions o;
    std::vector<char*> rest = {argv[0]};
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      auto next = [&]() -> const char* {
        if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
        return argv[++i];
      };
      if (a == "--scenario") {
        scenario_path = next();
      } else if (a == "--child") {
        if (i + 3 >= argc) throw std::runtime_error("--child AGENTS MONTHS THREADS");
        const int64_t agents = std::stoll(argv[i + 1]);
        const int64_t months = std::stoll(argv[i + 2]);
        const int threads = std::stoi(argv[i + 3]);
        i += 3;
        for (int j = i + 1; j + 1 < argc; ++j)
          if (std::string(argv[j]) == "--scenario") scenario_path = argv[j + 1];
        return child_main(agents, months, threads);
      } else if (a == "--table") {
        table = true;
      } else if (a == "--agents") {
        o.agents = std::stoll(next());
      } else if (a == "--months") {
        o.months = std::stoll(next());
      } else if (a == "--scaling-months") {
        o.scaling_months = std::stoll(next());
      } else if (a == "--sweep-months") {
        o.sweep_months = std::stoll(next());
      } else if (a == "--repeat") {
        o.repeat = std::stoi(next());
      } else if (a == "--sweep") {
        o.sweep = parse_list(next());
      } else if (a == "--big") {
        o.big = true;
      } else if (a == "--big-only") {
        o.big_only = true;
      } else if (a == "--big-agents") {
        o.big_agents = std::stoll(next());
      } else if (a == "--big-months") {
        o.big_months = std::stoll(next());
      } else if (a == "--stream-mib") {
        o.stream_n = static_cast<size_t>(std::stoll(next())) * 1048576 / 8;
      } else {
        rest.push_back(argv[i]);
      }
    }
    if (table) return table_main(o);
    int bargc = static_cast<int>(rest.size());
    benchmark::Initialize(&bargc, rest.data());
    if (benchmark::ReportUnrecognizedArguments(bargc, rest.data())) return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corridor_bench: %s\n", e.what());
    return 1;
  }
}
