// The HDF5 output layer: round trip of every feature, and failure behaviour (temporary
// file, atomic replace, validation, error messages).
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "h5_read.hpp"
#include "model/results.hpp"
#include "output/hdf5_writer.hpp"

namespace corridor {
namespace {

namespace fs = std::filesystem;

const std::string kScenario =
    "# resolved scenario\n[run]\nname = \"ph\\u00e9 – test\"\nseed = 42\n\n"
    "[schemes.ph_domestic]\nfee_cap_months = 1.5  # ₱ café naïve 日本\n\ttab\tline\n";

std::vector<double> iota(size_t n, double start = 0.0) {
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = start + 0.5 * static_cast<double>(i);
  return v;
}

// A RunResults using every feature.
RunResults sample() {
  RunResults r;
  r.text_attributes["corridor_version"] = "0.1.0";
  r.text_attributes["scenario_name"] = "Philippines → Gulf (ünïcødé)";
  r.text_attributes["empty_text"] = "";
  r.number_attributes["seed"] = 42;
  r.number_attributes["replicates"] = 2;
  r.number_attributes["burn_in"] = 12;
  r.number_attributes["negative"] = -1.25e-300;
  r.axes["schemes"] = {"ph_domestic", "ph_gulf/irregular", "gulf/regularised"};
  r.axes["sex"] = {"female", "male"};
  r.axes["countries"] = {"Philippines", "Côte d’Ivoire", "日本"};
  r.axes["empty_axis"] = {};
  r.scenario_resolved = kScenario;

  auto& ts = r.add("timeseries/deployments", "people per month", "Legal deployments.",
                   {"replicate", "month", "scheme", "sex"}, {2, 5, 3, 2});
  ts.data = iota(ts.size());
  ts.data[3] = std::numeric_limits<double>::quiet_NaN();
  ts.data[4] = std::numeric_limits<double>::infinity();
  ts.data[5] = -0.0;
  auto& lever = r.add("levers/ph_domestic/fee_cap_months", "months of wages",
                      "Fee cap in force each month.", {"month"}, {5});
  lever.data = iota(lever.size(), 1.0);
  auto& poverty = r.add("summary_by_origin/poverty_rate", "share", "Poor household-months.",
                        {"replicate", "origin", "household_kind"}, {2, 3, 3});
  poverty.data = iota(poverty.size(), -4.0);
  auto& matrix = r.add("summary/matrix", "", "", {"scheme", "sex"}, {3, 2});
  matrix.data = iota(matrix.size(), 7.0);
  auto& scalar = r.add("summary/total", "USD", "A scalar.", {}, {});
  scalar.data = {123.456};
  r.add("summary/none", "people", "Zero-size, 1-D.", {"scheme"}, {0});
  r.add("deep/a/b/c/zero_4d", "people", "Zero-size, 4-D.", {"replicate", "month", "scheme", "sex"},
        {2, 0, 3, 2});
  auto& slash = r.add("/timeseries/stock_home", "people", "Leading slash.",
                      {"replicate", "month", "scheme", "sex"}, {1, 1, 1, 1});
  slash.data = {9.0};
  return r;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Hdf5Writer : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("corridor-test-hdf5-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Every file left in the test folder whose name contains ".tmp-".
  std::vector<std::string> temporaries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name.find(".tmp-") != std::string::npos) out.push_back(name);
    }
    return out;
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

// Expects write_results_hdf5 to throw std::runtime_error whose message contains each of
// `parts`.
void expect_failure(const std::string& path, const RunResults& r,
                    const std::vector<std::string>& parts) {
  try {
    write_results_hdf5(path, r);
    ADD_FAILURE() << "no exception for " << path;
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    for (const auto& p : parts) EXPECT_NE(msg.find(p), std::string::npos) << msg;
  }
}

TEST_F(Hdf5Writer, RootAttributesRoundTrip) {
  const RunResults r = sample();
  const std::string path = file("run.h5");
  write_results_hdf5(path, r);
  h5read::File f(path);
  for (const auto& [name, value] : r.text_attributes) EXPECT_EQ(f.root_text(name), value) << name;
  for (const auto& [name, value] : r.number_attributes) EXPECT_EQ(f.root_number(name), value);
  EXPECT_TRUE(f.is_complete());
  EXPECT_EQ(f.root_number("file_complete"), 1.0);
  std::set<std::string> expected{"file_complete"};
  for (const auto& kv : r.text_attributes) expected.insert(kv.first);
  for (const auto& kv : r.number_attributes) expected.insert(kv.first);
  const auto names = f.attribute_names("/");
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected);
  EXPECT_TRUE(temporaries().empty());
}

TEST_F(Hdf5Writer, AxesAndScenarioRoundTrip) {
  const RunResults r = sample();
  const std::string path = file("run.h5");
  write_results_hdf5(path, r);
  h5read::File f(path);
  for (const auto& [name, labels] : r.axes) {
    const std::string ds = "index/" + name;
    EXPECT_EQ(f.read_strings(ds), labels) << name;
    EXPECT_EQ(f.shape(ds), std::vector<size_t>{labels.size()});
    EXPECT_EQ(f.string_array_attribute(ds, "dims"), std::vector<std::string>{name});
  }
  EXPECT_EQ(f.shape("scenario/resolved"), std::vector<size_t>{});  // scalar
  EXPECT_EQ(f.read_string("/scenario/resolved"), kScenario);

  RunResults empty;
  write_results_hdf5(file("empty.h5"), empty);
  h5read::File e(file("empty.h5"));
  EXPECT_EQ(e.read_string("scenario/resolved"), "");
  EXPECT_EQ(e.datasets(), std::vector<std::string>{"scenario/resolved"});
  EXPECT_TRUE(e.is_complete());
}

TEST_F(Hdf5Writer, DatasetsRoundTrip) {
  const RunResults r = sample();
  const std::string path = file("run.h5");
  write_results_hdf5(path, r);
  h5read::File f(path);
  for (const auto& d : r.datasets) {
    SCOPED_TRACE(d.path);
    const h5read::Array a = f.read(d.path);
    EXPECT_EQ(a.shape, d.shape);
    ASSERT_EQ(a.data.size(), d.data.size());
    for (size_t i = 0; i < a.data.size(); ++i) {
      if (std::isnan(d.data[i])) {
        EXPECT_TRUE(std::isnan(a.data[i]));
      } else {
        EXPECT_EQ(a.data[i], d.data[i]);
        EXPECT_EQ(std::signbit(a.data[i]), std::signbit(d.data[i]));
      }
    }
    EXPECT_EQ(f.string_attribute(d.path, "units"), d.units);
    EXPECT_EQ(f.string_attribute(d.path, "description"), d.description);
    EXPECT_EQ(f.string_array_attribute(d.path, "dims"), d.dims);
  }
  const h5read::Array ts = f.read("timeseries/deployments");
  EXPECT_EQ(ts.at({1, 4, 2, 1}), 0.5 * (2 * 5 * 3 * 2 - 1));
  EXPECT_EQ(f.read("summary/total").data, std::vector<double>{123.456});
}

TEST_F(Hdf5Writer, EveryDatasetHasUnitsDescriptionAndDims) {
  const std::string path = file("run.h5");
  write_results_hdf5(path, sample());
  h5read::File f(path);
  const auto datasets = f.datasets();
  EXPECT_EQ(datasets.size(), 4u + 1u + sample().datasets.size());  // 4 axes, resolved, data
  for (const auto& ds : datasets) {
    SCOPED_TRACE(ds);
    if (ds == "scenario/resolved") continue;  // text, not an array over axes
    EXPECT_TRUE(f.has_attribute(ds, "dims"));
    if (ds.rfind("index/", 0) == 0) continue;
    EXPECT_TRUE(f.has_attribute(ds, "units"));
    EXPECT_TRUE(f.has_attribute(ds, "description"));
    EXPECT_EQ(f.string_array_attribute(ds, "dims").size(), f.shape(ds).size());
  }
}

TEST_F(Hdf5Writer, ObjectsAreExactlyTheExpectedOnes) {
  const std::string path = file("run.h5");
  write_results_hdf5(path, sample());
  h5read::File f(path);
  const std::vector<std::string> expected{
      "deep",
      "deep/a",
      "deep/a/b",
      "deep/a/b/c",
      "deep/a/b/c/zero_4d",
      "index",
      "index/countries",
      "index/empty_axis",
      "index/schemes",
      "index/sex",
      "levers",
      "levers/ph_domestic",
      "levers/ph_domestic/fee_cap_months",
      "scenario",
      "scenario/resolved",
      "summary",
      "summary/matrix",
      "summary/none",
      "summary/total",
      "summary_by_origin",
      "summary_by_origin/poverty_rate",
      "timeseries",
      "timeseries/deployments",
      "timeseries/stock_home",
  };
  EXPECT_EQ(f.objects(), expected);
  EXPECT_TRUE(f.exists("/levers/ph_domestic"));
  EXPECT_FALSE(f.exists("levers/nope/x"));
  EXPECT_EQ(f.groups().size(), 11u);
}

TEST_F(Hdf5Writer, ChunkedDatasetsAreCompressed) {
  RunResults r = sample();
  auto& big = r.add("timeseries/big", "people", "Needs several chunks.",
                    {"replicate", "month", "x"}, {3, 200, 300});
  big.data = iota(big.size());
  auto& long1d = r.add("timeseries/long", "people", "Long 1-D.", {"month"}, {300000});
  long1d.data = iota(long1d.size());
  const std::string path = file("run.h5");
  write_results_hdf5(path, r);
  h5read::File f(path);
  const size_t max_chunk = (size_t{1} << 20) / sizeof(double);
  for (const auto& d : r.datasets) {
    SCOPED_TRACE(d.path);
    const h5read::Layout l = f.layout(d.path);
    if (d.shape.empty() || d.size() == 0) {
      EXPECT_FALSE(l.chunked);
      continue;
    }
    ASSERT_TRUE(l.chunked);
    ASSERT_EQ(l.chunk.size(), d.shape.size());
    size_t n = 1;
    for (size_t i = 0; i < l.chunk.size(); ++i) {
      EXPECT_GE(l.chunk[i], 1u);
      EXPECT_LE(l.chunk[i], d.shape[i]);
      n *= l.chunk[i];
    }
    EXPECT_LE(n, max_chunk);
    EXPECT_EQ(l.filters, (std::vector<int>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE}));
    EXPECT_EQ(l.deflate_level, 4);
  }
  EXPECT_EQ(f.layout("timeseries/big").chunk, (std::vector<size_t>{2, 200, 300}));
  EXPECT_EQ(f.layout("timeseries/long").chunk, std::vector<size_t>{max_chunk});
  EXPECT_EQ(f.layout("timeseries/deployments").chunk, (std::vector<size_t>{2, 5, 3, 2}));
  EXPECT_EQ(f.read("timeseries/big").data, big.data);
  EXPECT_EQ(f.read("timeseries/long").data, long1d.data);
  EXPECT_LT(fs::file_size(path), 300000u * 8u);  // compression did something
}

TEST_F(Hdf5Writer, SameInputsGiveIdenticalBytes) {
  write_results_hdf5(file("a.h5"), sample());
  write_results_hdf5(file("b.h5"), sample());
  EXPECT_EQ(read_bytes(dir_ / "a.h5"), read_bytes(dir_ / "b.h5"));
}

TEST_F(Hdf5Writer, MissingDirectoryThrowsAndLeavesNothing) {
  const std::string path = file("no/such/dir/run.h5");
  expect_failure(path, sample(), {path, "H5Fcreate"});
  EXPECT_TRUE(entries().empty());
  EXPECT_FALSE(fs::exists(dir_ / "no"));
}

TEST_F(Hdf5Writer, ExistingFileReplacedOnSuccess) {
  const std::string path = file("run.h5");
  RunResults first = sample();
  first.text_attributes["scenario_name"] = "first";
  write_results_hdf5(path, first);
  RunResults second = sample();
  second.text_attributes["scenario_name"] = "second";
  second.datasets[0].data[0] = 99.0;
  write_results_hdf5(path, second);
  h5read::File f(path);
  EXPECT_EQ(f.root_text("scenario_name"), "second");
  EXPECT_EQ(f.read("timeseries/deployments").data[0], 99.0);
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
}

TEST_F(Hdf5Writer, ExistingFileUnchangedAfterFailedWrite) {
  const std::string path = file("run.h5");
  write_results_hdf5(path, sample());
  const std::string before = read_bytes(path);
  RunResults bad = sample();
  bad.datasets[1].data.pop_back();  // shape [5], 4 values
  expect_failure(path, bad, {path, "levers/ph_domestic/fee_cap_months", "[5]", "4 data values"});
  EXPECT_EQ(read_bytes(path), before);
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
  EXPECT_TRUE(h5read::File(path).is_complete());
}

TEST_F(Hdf5Writer, InvalidResultsAreRejectedBeforeWriting) {
  const std::string path = file("run.h5");
  std::vector<std::pair<std::string, RunResults>> cases;
  auto with = [&](const std::string& expect, auto change) {
    RunResults r = sample();
    change(r);
    cases.emplace_back(expect, std::move(r));
  };
  with("dims", [](RunResults& r) { r.datasets[0].dims.pop_back(); });
  with("data values", [](RunResults& r) { r.datasets[0].data.push_back(1.0); });
  with("data values", [](RunResults& r) { r.datasets[4].data.clear(); });  // scalar without data
  with("used twice", [](RunResults& r) { r.datasets.push_back(r.datasets[0]); });
  with("used twice", [](RunResults& r) {
    r.datasets.push_back(r.datasets[0]);
    r.datasets.back().path = "/" + r.datasets.back().path;
  });
  with("both as a dataset and as a group",
       [](RunResults& r) { r.add("timeseries/deployments/x", "", "", {}, {}); });
  with("both as a dataset and as a group", [](RunResults& r) { r.add("summary", "", "", {}, {}); });
  with("empty path", [](RunResults& r) { r.add("", "", "", {}, {}); });
  with("empty path", [](RunResults& r) { r.add("/", "", "", {}, {}); });
  with("component", [](RunResults& r) { r.add("a//b", "", "", {}, {}); });
  with("component", [](RunResults& r) { r.add("a/../b", "", "", {}, {}); });
  with("reserved", [](RunResults& r) { r.add("index/extra", "", "", {}, {}); });
  with("reserved", [](RunResults& r) { r.add("scenario/other", "", "", {}, {}); });
  with("reserved", [](RunResults& r) { r.number_attributes["file_complete"] = 1; });
  with("reserved", [](RunResults& r) { r.text_attributes["file_complete"] = "yes"; });
  with("both a text and a number", [](RunResults& r) { r.number_attributes["scenario_name"] = 1; });
  with("empty name", [](RunResults& r) { r.text_attributes[""] = "x"; });
  with("axis name", [](RunResults& r) { r.axes["a/b"] = {"x"}; });
  with("UTF-8", [](RunResults& r) { r.scenario_resolved += "\xff"; });
  with("UTF-8", [](RunResults& r) { r.axes["sex"].push_back(std::string("a\0b", 3)); });
  with("UTF-8", [](RunResults& r) { r.datasets[0].units = "\xc3"; });
  with("UTF-8", [](RunResults& r) { r.text_attributes["bad"] = "\xed\xa0\x80"; });  // surrogate
  for (const auto& [expect, r] : cases) {
    SCOPED_TRACE(expect);
    expect_failure(path, r, {path, expect});
    EXPECT_TRUE(entries().empty());
  }
}

TEST_F(Hdf5Writer, FailureAfterTheFileIsWrittenRemovesTheTemporary) {
  // A directory at the path: the file is written, but renaming it over the directory fails.
  const fs::path target = dir_ / "run.h5";
  fs::create_directory(target);
  fs::create_directory(target / "keep");
  expect_failure(target.string(), sample(), {target.string(), "renaming"});
  EXPECT_TRUE(fs::is_directory(target / "keep"));
  EXPECT_TRUE(temporaries().empty());
  EXPECT_EQ(entries(), std::vector<std::string>{"run.h5"});
}

TEST_F(Hdf5Writer, TemporaryPathThatCannotBeCreatedThrows) {
  const std::string path = file("run.h5");
  const fs::path tmp = path + ".tmp-" + std::to_string(::getpid());
  fs::create_directory(tmp);  // someone else's directory where the temporary file would go
  expect_failure(path, sample(), {path, "H5Fcreate"});
  EXPECT_TRUE(fs::is_directory(tmp));  // not ours: left alone
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(Hdf5Writer, ErrorsAreNotPrintedAndPrintingIsRestored) {
  H5E_auto2_t func_before = nullptr;
  void* data_before = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &func_before, &data_before);
  ::testing::internal::CaptureStderr();
  EXPECT_THROW(write_results_hdf5(file("no/such/run.h5"), sample()), std::runtime_error);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(err, "");
  H5E_auto2_t func_after = nullptr;
  void* data_after = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &func_after, &data_after);
  EXPECT_EQ(func_after, func_before);
  EXPECT_EQ(data_after, data_before);
}

TEST_F(Hdf5Writer, ReaderReportsErrors) {
  const std::string path = file("run.h5");
  write_results_hdf5(path, sample());
  EXPECT_THROW(h5read::File(file("missing.h5")), h5read::Error);
  h5read::File f(path);
  EXPECT_THROW(f.read("timeseries/missing"), h5read::Error);
  EXPECT_THROW(f.read("index/sex"), h5read::Error);  // strings, not numbers
  EXPECT_THROW(f.read_strings("summary/total"), h5read::Error);
  EXPECT_THROW(f.read("timeseries"), h5read::Error);  // a group
  EXPECT_THROW(f.root_text("missing"), h5read::Error);
  EXPECT_THROW(f.root_number("scenario_name"), h5read::Error);
  EXPECT_THROW(f.read("timeseries/deployments").at({0, 5, 0, 0}), h5read::Error);
}

}  // namespace
}  // namespace corridor
