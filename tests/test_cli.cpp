// The command line: the headline table and the progress lines on hand-built inputs, and
// end-to-end runs of the corridor binary (skipped until scenarios/default.toml exists).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <algorithm>

#include "corridor/version.hpp"
#include "model/results.hpp"

#include "cli/headline.hpp"
#include "cli/progress.hpp"

namespace corridor::cli {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// Headline table

// Value at [replicate r, scheme j, sex s] of a [R, J, S] dataset.
void set(Dataset& d, size_t r, size_t j, size_t s, double v) {
  d.data[(r * d.shape[1] + j) * d.shape[2] + s] = v;
}

// Two replicates, two schemes, two sexes.
RunResults two_scheme_results() {
  RunResults res;
  res.axes["schemes"] = {"ph_domestic", "ph_sa/irregular"};
  res.axes["sex"] = {"female", "male"};
  return res;
}

// Adds zero-filled [2, 2, 2] summary datasets. (References returned by RunResults::add
// do not survive the next add, so tests look datasets up once all are added.)
void add_summaries(RunResults& res, const std::vector<std::string>& names) {
  for (const auto& name : names)
    res.add("summary/" + name, "", "", {"replicate", "schemes", "sex"}, {2, 2, 2});
}

Dataset& summary(RunResults& res, const std::string& name) {
  for (auto& d : res.datasets)
    if (d.path == "summary/" + name) return d;
  throw std::logic_error("no dataset " + name);
}

const HeadlineColumn& column(std::string_view name) {
  for (const auto& c : headline_columns())
    if (c.name == name) return c;
  throw std::logic_error("no column " + std::string(name));
}

TEST(HeadlineTable, ColumnsAreTheEightIndicatorsInOrder) {
  std::vector<std::string_view> names;
  for (const auto& c : headline_columns()) names.push_back(c.name);
  EXPECT_EQ(names,
            (std::vector<std::string_view>{"deployments", "recruitment_cost_months_mean",
                                           "remittance_cost_pct", "formal_share", "return_rate",
                                           "overstay_rate", "skill_gain_mean", "business_starts"}));
  EXPECT_FALSE(column("deployments").ratio);
  EXPECT_FALSE(column("business_starts").ratio);
  EXPECT_TRUE(column("return_rate").ratio);
}

TEST(HeadlineTable, RatiosPoolNumeratorsAndDenominatorsOverReplicatesAndSexes) {
  auto res = two_scheme_results();
  add_summaries(res, {"return_rate_num", "return_rate_den", "return_rate"});
  auto& num = summary(res, "return_rate_num");
  auto& den = summary(res, "return_rate_den");
  // Scheme 0: per-cell ratios 1/2, 0/10, 3/4, 2/4; pooled 6/20, not the mean of ratios.
  set(num, 0, 0, 0, 1), set(den, 0, 0, 0, 2);
  set(num, 0, 0, 1, 0), set(den, 0, 0, 1, 10);
  set(num, 1, 0, 0, 3), set(den, 1, 0, 0, 4);
  set(num, 1, 0, 1, 2), set(den, 1, 0, 1, 4);
  // Scheme 1: only one cell has people.
  set(num, 1, 1, 1, 5), set(den, 1, 1, 1, 8);
  // A ratio dataset that disagrees must not be used.
  auto& ratio = summary(res, "return_rate");
  for (auto& v : ratio.data) v = 99.0;

  auto values = headline_values(res, column("return_rate"));
  ASSERT_EQ(values.size(), 2u);
  ASSERT_TRUE(values[0].has_value());
  EXPECT_DOUBLE_EQ(*values[0], 6.0 / 20.0);
  ASSERT_TRUE(values[1].has_value());
  EXPECT_DOUBLE_EQ(*values[1], 5.0 / 8.0);

  const std::string table = headline_table(res);
  EXPECT_NE(table.find("0.300"), std::string::npos) << table;
  EXPECT_NE(table.find("0.625"), std::string::npos) << table;
  EXPECT_EQ(table.find("99"), std::string::npos) << table;
}

TEST(HeadlineTable, CountsSumOverSexAndAverageOverReplicates) {
  auto res = two_scheme_results();
  add_summaries(res, {"deployments"});
  auto& dep = summary(res, "deployments");
  set(dep, 0, 0, 0, 100), set(dep, 0, 0, 1, 300);  // replicate 0: 400
  set(dep, 1, 0, 0, 200), set(dep, 1, 0, 1, 400);  // replicate 1: 600
  set(dep, 0, 1, 0, 7);                            // scheme 1: 7 and 0
  auto values = headline_values(res, column("deployments"));
  ASSERT_EQ(values.size(), 2u);
  EXPECT_DOUBLE_EQ(values[0].value(), 500.0);
  EXPECT_DOUBLE_EQ(values[1].value(), 3.5);
}

TEST(HeadlineTable, TsvHasFullPrecisionAndMarksUnavailableValues) {
  auto res = two_scheme_results();
  add_summaries(res, {"return_rate_num", "return_rate_den"});
  set(summary(res, "return_rate_num"), 0, 0, 0, 1.0);
  set(summary(res, "return_rate_den"), 0, 0, 0, 3.0);  // scheme 1: no denominator
  const std::string tsv = headline_tsv(res, "x.toml");
  EXPECT_EQ(tsv.substr(0, tsv.find('\n')), "scenario\tscheme\tindicator\tvalue");
  EXPECT_NE(tsv.find("x.toml\tph_domestic\treturn_rate\t0.33333333333333331\n"), std::string::npos)
      << tsv;
  EXPECT_NE(tsv.find("x.toml\tph_sa/irregular\treturn_rate\tNA\n"), std::string::npos) << tsv;
  // One line per scheme and column, after the header.
  const auto lines = static_cast<size_t>(std::count(tsv.begin(), tsv.end(), '\n'));
  EXPECT_EQ(lines, 1 + 2 * headline_columns().size());
  EXPECT_EQ(headline_tsv(res).substr(0, 7), "scheme\t");
}

TEST(HeadlineTable, ZeroDenominatorIsUnavailable) {
  auto res = two_scheme_results();
  add_summaries(res, {"overstay_rate_num", "overstay_rate_den"});
  auto& den = summary(res, "overstay_rate_den");
  set(den, 0, 0, 1, 4);  // scheme 0 has people, scheme 1 none
  auto values = headline_values(res, column("overstay_rate"));
  ASSERT_EQ(values.size(), 2u);
  ASSERT_TRUE(values[0].has_value());
  EXPECT_DOUBLE_EQ(*values[0], 0.0);
  EXPECT_FALSE(values[1].has_value());
}

TEST(HeadlineTable, MissingDatasetsAreUnavailable) {
  auto res = two_scheme_results();
  add_summaries(res, {"formal_share_num"});  // no _den
  std::string problem = "unchanged";
  for (const auto& c : headline_columns()) {
    auto values = headline_values(res, c, &problem);
    ASSERT_EQ(values.size(), 2u) << c.name;
    EXPECT_FALSE(values[0].has_value()) << c.name;
    EXPECT_FALSE(values[1].has_value()) << c.name;
    EXPECT_EQ(problem, "") << c.name;  // missing is not malformed
  }
  const std::string table = headline_table(res);
  EXPECT_NE(table.find("ph_domestic"), std::string::npos) << table;
  EXPECT_NE(table.find("ph_sa/irregular"), std::string::npos) << table;
  EXPECT_NE(table.find("—"), std::string::npos) << table;
  EXPECT_EQ(table.find("note:"), std::string::npos) << table;
}

TEST(HeadlineTable, MalformedDatasetIsReportedNotUsed) {
  auto res = two_scheme_results();
  // Three schemes where the axis has two.
  auto& d = res.add("summary/business_starts", "", "", {"replicate", "schemes", "sex"}, {1, 3, 2});
  for (auto& v : d.data) v = 1.0;
  std::string problem;
  auto values = headline_values(res, column("business_starts"), &problem);
  EXPECT_FALSE(values[0].has_value());
  EXPECT_NE(problem.find("summary/business_starts"), std::string::npos) << problem;
  const std::string table = headline_table(res);
  EXPECT_NE(table.find("note: summary/business_starts"), std::string::npos) << table;
}

TEST(HeadlineTable, OneRowPerSchemeAxisEntryAndAligned) {
  RunResults res;
  res.axes["schemes"] = {"ph_domestic", "np_qatar/irregular", "sa/regularised"};
  auto add3 = [&](const std::string& name, std::vector<double> data) {
    res.add("summary/" + name, "", "", {"replicate", "schemes", "sex"}, {1, 3, 1}).data = data;
  };
  add3("deployments", {12345, 0, 7});
  add3("remittance_cost_pct_num", {6.5, 0, 1});
  add3("remittance_cost_pct_den", {1, 0, 4});

  const std::string table = headline_table(res);
  std::vector<std::string> lines;
  std::istringstream in(table);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_GE(lines.size(), 6u) << table;
  EXPECT_EQ(lines[0].rfind("scheme", 0), 0u) << table;
  EXPECT_EQ(lines[3].rfind("ph_domestic", 0), 0u) << table;
  EXPECT_EQ(lines[4].rfind("np_qatar/irregular", 0), 0u) << table;
  EXPECT_EQ(lines[5].rfind("sa/regularised", 0), 0u) << table;
  EXPECT_NE(lines[3].find("12345"), std::string::npos) << table;
  EXPECT_NE(lines[3].find("6.50"), std::string::npos) << table;
  EXPECT_NE(lines[5].find("0.25"), std::string::npos) << table;
  // Right-aligned numbers: the deployments column ends at the same display column in the
  // header and in each row.
  auto width = [](std::string_view s) {
    size_t w = 0;
    for (char c : s) w += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return w;
  };
  const size_t end = lines[0].find("deployments") + std::string("deployments").size();
  for (int row = 3; row <= 5; ++row) {
    const std::string& l = lines[static_cast<size_t>(row)];
    const size_t name_end = l.find(' ');
    const size_t value_start = l.find_first_not_of(' ', name_end);
    const size_t value_end = l.find(' ', value_start);
    EXPECT_EQ(width(l.substr(0, value_end)), end) << table;
  }
}

TEST(HeadlineTable, RemittanceCostSharesShownAsPercent) {
  for (const char* units : {"share", "%"}) {
    RunResults res;
    res.axes["schemes"] = {"a"};
    for (const char* part : {"_num", "_den"})
      res.add(std::string("summary/remittance_cost_pct") + part, units, "",
              {"replicate", "schemes", "sex"}, {1, 1, 1});
    res.datasets[0].data = {3.0};
    res.datasets[1].data = {50.0};
    auto values = headline_values(res, column("remittance_cost_pct"));
    ASSERT_TRUE(values.at(0).has_value()) << units;
    EXPECT_DOUBLE_EQ(*values[0], std::string(units) == "share" ? 6.0 : 0.06) << units;
  }
}

TEST(HeadlineTable, LargeCountsPrintWhole) {
  RunResults res;
  res.axes["schemes"] = {"big", "small"};
  res.add("summary/business_starts", "", "", {"replicate", "schemes", "sex"}, {1, 2, 1}).data = {
      64750.0, 3.5};
  const std::string table = headline_table(res);
  EXPECT_NE(table.find(" 64750\n"), std::string::npos) << table;
  EXPECT_EQ(table.find("64750.0"), std::string::npos) << table;
  EXPECT_NE(table.find(" 3.5\n"), std::string::npos) << table;
}

TEST(HeadlineTable, NoSchemesAxis) {
  RunResults res;
  EXPECT_NE(headline_table(res).find("no schemes"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Progress

std::string read_back(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  for (int c; (c = std::fgetc(f)) != EOF;) text += static_cast<char>(c);
  return text;
}

TEST(Progress, PlainLinesEveryTenthInOrder) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    Progress p(Progress::Mode::kLines, f);
    for (int64_t m = 1; m <= 200; ++m) p.update(m, 200);
    p.update(150, 200);  // late, out-of-order call: no going back
    p.finish();
  }
  const std::string text = read_back(f);
  std::fclose(f);
  int lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, 10) << text;
  EXPECT_NE(text.find("progress:  10% (20/200 months"), std::string::npos) << text;
  EXPECT_NE(text.find("progress: 100% (200/200 months"), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
}

TEST(Progress, QuietWritesNothingAndBarEndsItsLine) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    Progress quiet(Progress::Mode::kQuiet, f);
    quiet.update(5, 10);
    quiet.finish();
  }
  EXPECT_EQ(read_back(f), "");
  {
    Progress bar(Progress::Mode::kBar, f);
    bar.update(10, 10);
    bar.finish();
    bar.finish();
  }
  const std::string text = read_back(f);
  EXPECT_EQ(Progress::mode_for(true, f), Progress::Mode::kQuiet);
  std::fclose(f);
  EXPECT_EQ(text.front(), '\r') << text;
  EXPECT_NE(text.find("100.0%"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n') << text;
  EXPECT_EQ(text.find('\n'), text.size() - 1) << text;
}

TEST(Progress, Durations) {
  EXPECT_EQ(format_duration(0), "0:00");
  EXPECT_EQ(format_duration(61.4), "1:01");
  EXPECT_EQ(format_duration(3725), "1:02:05");
}

// ---------------------------------------------------------------------------------------
// The binary, end to end

const fs::path kSource = CORRIDOR_SOURCE_DIR;
const fs::path kDefaultScenario = kSource / "scenarios" / "default.toml";

struct Outcome {
  int code = -1;          // exit code, or 128 + signal
  bool signaled = false;  // killed by a signal rather than exiting
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh, empty folder for one test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("corridor-cli-" + std::string(info->name()) + "-" + std::to_string(getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  // Files in the folder, except the captured stdout and stderr.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_)) {
      auto n = e.path().filename().string();
      if (n != ".stdout" && n != ".stderr") names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path path_;
};

// Starts the binary with `args` in folder `cwd`, stdout and stderr to files there.
pid_t spawn(const std::vector<std::string>& args, const fs::path& cwd) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    const int out = open(".stdout", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(".stderr", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) _exit(127);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    std::vector<char*> argv;
    std::string binary = CORRIDOR_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

Outcome wait_for(pid_t pid, const fs::path& cwd) {
  Outcome o;
  int status = 0;
  if (waitpid(pid, &status, 0) == pid) {
    if (WIFEXITED(status)) o.code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) {
      o.code = 128 + WTERMSIG(status);
      o.signaled = true;
    }
  }
  o.out = slurp(cwd / ".stdout");
  o.err = slurp(cwd / ".stderr");
  return o;
}

Outcome corridor(const std::vector<std::string>& args, const fs::path& cwd) {
  return wait_for(spawn(args, cwd), cwd);
}

#define SKIP_WITHOUT_DEFAULT_SCENARIO() \
  if (!fs::exists(kDefaultScenario))    \
  GTEST_SKIP() << "scenarios/default.toml does not exist yet; end-to-end CLI tests need it"

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(CliBinary, Version) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  const auto o = corridor({"--version"}, dir.path());
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(contains(o.out, std::string("corridor ") + kVersion)) << o.out;
  EXPECT_TRUE(contains(o.out, kGitRevision)) << o.out;
}

TEST(CliBinary, HelpAndUsageErrors) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  for (const char* command : {"run", "validate"}) {
    const auto help = corridor({command, "--help"}, dir.path());
    EXPECT_EQ(help.code, 0) << command;
    EXPECT_TRUE(contains(help.out, "--set")) << help.out;
  }
  EXPECT_EQ(corridor({}, dir.path()).code, 2);
  EXPECT_EQ(corridor({"run"}, dir.path()).code, 2);
  EXPECT_EQ(corridor({"run", kDefaultScenario.string(), "--replicates", "many"}, dir.path()).code,
            2);
  EXPECT_EQ(dir.files(), std::vector<std::string>{});
}

TEST(CliBinary, ValidateDefaultScenario) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  const auto o = corridor({"validate", kDefaultScenario.string()}, dir.path());
  EXPECT_EQ(o.code, 0) << o.err;
  for (const char* word :
       {"origin", "destination", "corridor", "scheme", "timeline event", "agent"})
    EXPECT_TRUE(contains(o.out, word)) << word << " in " << o.out;
  EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1) << o.out;
}

TEST(CliBinary, ValidateBadFileExits2AndWritesNothing) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  {
    std::ofstream bad(dir.path() / "bad.toml");
    bad << "[run]\nmonths = \"many\"\nreplicates = = 3\n";
  }
  const auto o = corridor({"validate", "bad.toml"}, dir.path());
  EXPECT_EQ(o.code, 2) << o.out << o.err;
  EXPECT_TRUE(contains(o.err, "bad.toml")) << o.err;
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(dir.files(), std::vector<std::string>{"bad.toml"});

  const auto missing = corridor({"validate", "no-such-file.toml"}, dir.path());
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(contains(missing.err, "no-such-file.toml")) << missing.err;

  // run refuses the same file before writing anything.
  const auto run = corridor({"run", "bad.toml", "-o", "out.h5"}, dir.path());
  EXPECT_EQ(run.code, 2) << run.err;
  EXPECT_EQ(dir.files(), std::vector<std::string>{"bad.toml"});
}

TEST(CliBinary, InvalidSetIsRefusedWithNoOutput) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  for (const char* set : {"run.replicates=-3", "no_such_section.key=1", "run.months"}) {
    const auto validate =
        corridor({"validate", kDefaultScenario.string(), "--set", set}, dir.path());
    EXPECT_EQ(validate.code, 2) << set << ": " << validate.out << validate.err;
    const auto run =
        corridor({"run", kDefaultScenario.string(), "--set", set, "-o", "out.h5"}, dir.path());
    EXPECT_EQ(run.code, 2) << set << ": " << run.out << run.err;
    EXPECT_FALSE(run.err.empty()) << set;
    EXPECT_EQ(dir.files(), std::vector<std::string>{}) << set;
  }
}

TEST(CliBinary, RunWritesFileAndPrintsTable) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  const auto o = corridor({"run", kDefaultScenario.string(), "-o", (dir.path() / "out.h5").string(),
                           "--replicates", "1"},
                          dir.path());
  ASSERT_EQ(o.code, 0) << o.out << o.err;
  EXPECT_EQ(dir.files(), std::vector<std::string>{"out.h5"});
  EXPECT_GT(fs::file_size(dir.path() / "out.h5"), 0u);
  EXPECT_TRUE(contains(o.out, "scheme")) << o.out;
  EXPECT_TRUE(contains(o.out, "deployments")) << o.out;
  EXPECT_TRUE(contains(o.out, "wrote " + (dir.path() / "out.h5").string() + " (")) << o.out;
  // stderr is not a terminal here: plain progress lines, ending at 100%.
  EXPECT_TRUE(contains(o.err, "progress: 100%")) << o.err;
  EXPECT_FALSE(contains(o.err, "\r")) << o.err;
}

TEST(CliBinary, RunDefaultsToScenarioStemInCurrentFolderAndQuiet) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  const auto o =
      corridor({"run", kDefaultScenario.string(), "--replicates", "1", "--quiet"}, dir.path());
  ASSERT_EQ(o.code, 0) << o.out << o.err;
  EXPECT_EQ(dir.files(), std::vector<std::string>{"default.h5"});
  EXPECT_EQ(o.err, "");
}

TEST(CliBinary, InterruptCancelsWithoutOutput) {
  SKIP_WITHOUT_DEFAULT_SCENARIO();
  TempDir dir;
  // Several replicates, so that the run is still going when the interrupt arrives.
  const pid_t pid =
      spawn({"run", kDefaultScenario.string(), "-o", "out.h5", "--replicates", "10"}, dir.path());
  // Wait for the first progress line: the interrupt handler is installed by then.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  auto exited = [pid] {  // without reaping it
    siginfo_t info{};
    return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == pid;
  };
  while (!contains(slurp(dir.path() / ".stderr"), "progress:") && !exited() &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(pid, SIGINT);
  const auto o = wait_for(pid, dir.path());
  if (o.code == 0) GTEST_SKIP() << "the run finished before the interrupt arrived";
  EXPECT_FALSE(o.signaled) << "killed by the signal instead of handling it: " << o.err;
  EXPECT_EQ(o.code, 130) << o.out << o.err;
  EXPECT_TRUE(contains(o.err, "cancelled")) << o.err;
  EXPECT_EQ(dir.files(), std::vector<std::string>{});
}

TEST(CliBinary, CompareRunsPilotAgainstTheBaseItNames) {
  TempDir dir;
  const fs::path pilot = fs::path(CORRIDOR_SOURCE_DIR) / "tests/data/scenarios/pilot.toml";
  const auto o = corridor({"compare", pilot.string(), "--replicates", "3", "-q"}, dir.path());
  ASSERT_EQ(o.code, 0) << o.out << o.err;
  EXPECT_TRUE(dir.files().empty()) << "compare writes no file";
  EXPECT_TRUE(contains(o.out, "baseline.toml")) << o.out;
  EXPECT_TRUE(contains(o.out, "3 replicates")) << o.out;
  EXPECT_TRUE(contains(o.out, "ph_domestic")) << o.out;
  EXPECT_TRUE(contains(o.out, "95% interval (paired)")) << o.out;
  // The pilot bans the domestic workers' fee and makes selection governmental: the
  // recruitment cost row must differ between the arms.
  EXPECT_TRUE(contains(o.out, "recruit cost (months pay)")) << o.out;
}

TEST(CliBinary, CompareAScenarioWithoutBaseNeedsOne) {
  TempDir dir;
  const fs::path base = fs::path(CORRIDOR_SOURCE_DIR) / "tests/data/scenarios/baseline.toml";
  const auto o = corridor({"compare", base.string(), "-q"}, dir.path());
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(contains(o.err, "names no base scenario")) << o.err;
  // Against itself, every difference is exactly zero (same seeds, same scenario).
  const auto same =
      corridor({"compare", base.string(), base.string(), "--replicates", "2", "-q"}, dir.path());
  ASSERT_EQ(same.code, 0) << same.err;
  EXPECT_FALSE(contains(same.out, "[-")) << "no interval below zero: " << same.out;
}

TEST(CliBinary, CheckRunsOnePatternAndRefusesUnknownIds) {
  TempDir dir;
  const auto ok = corridor({"check", "--only", "C3"}, dir.path());
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  EXPECT_TRUE(contains(ok.out, "C3 [calibration]")) << ok.out;
  EXPECT_TRUE(contains(ok.out, "criterion:")) << ok.out;
  EXPECT_TRUE(contains(ok.out, "Summary (CI size)")) << ok.out;
  const auto bad = corridor({"check", "--only", "V9"}, dir.path());
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(contains(bad.err, "unknown pattern 'V9'")) << bad.err;
  const auto nothing_to_fit = corridor({"calibrate", "--only", "C3"}, dir.path());
  EXPECT_EQ(nothing_to_fit.code, 2);
  EXPECT_TRUE(dir.files().empty());
}

}  // namespace
}  // namespace corridor::cli
