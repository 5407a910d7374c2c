// Calibration targets C1-C6, validation patterns V1-V8 (MODEL.md section 1) and lever-response
// checks L1-L6 (issue 11), one test
// each, at CI size. The figures, criterion and verdict are printed; `corridor check --full`
// runs the same functions at full size (docs/VALIDATION.md).
#include <gtest/gtest.h>

#include <iostream>

#include "check/check.hpp"

namespace corridor::check {
namespace {

class Patterns : public ::testing::TestWithParam<const Pattern*> {};

TEST_P(Patterns, HoldOrAreKnownGaps) {
  const Pattern& p = *GetParam();
  Options o;  // CI size, each pattern's own replicate count
  const Result r = run_pattern(p, o);
  std::cout << format_result(r);
  ASSERT_FALSE(r.figures.empty()) << "a pattern reports what it measured";
  for (const auto& f : r.figures) EXPECT_GT(f.n, 0) << f.name;
  if (p.kind != Kind::calibration) {
    for (const auto& f : r.figures) EXPECT_TRUE(f.n == 1 || f.n >= 20) << f.name << ": replicates";
  }
  EXPECT_FALSE(r.criterion.empty());
  if (r.known_gap.empty()) {
    EXPECT_TRUE(r.pass) << p.id << " fails: " << r.criterion;
  } else {
    EXPECT_FALSE(r.pass) << p.id
                         << " now holds: remove it from the known gaps (registry.cpp and "
                            "docs/VALIDATION.md)";
  }
}

std::vector<const Pattern*> pointers() {
  std::vector<const Pattern*> v;
  for (const auto& p : all_patterns()) v.push_back(&p);
  return v;
}

std::string pattern_name(const ::testing::TestParamInfo<const Pattern*>& param_info) {
  return param_info.param->id;
}

INSTANTIATE_TEST_SUITE_P(MODEL1, Patterns, ::testing::ValuesIn(pointers()), pattern_name);

TEST(PatternRegistry, CalibrationThenValidationThenLeversWithUniqueIds) {
  const auto& all = all_patterns();
  ASSERT_EQ(all.size(), 22u);
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(static_cast<int>(all[i - 1].kind), static_cast<int>(all[i].kind)) << all[i].id;
    }
    const char first = all[i].kind == Kind::calibration  ? 'C'
                       : all[i].kind == Kind::validation ? 'V'
                                                         : 'L';
    EXPECT_EQ(all[i].id[0], first) << all[i].id;
    for (size_t j = 0; j < i; ++j) EXPECT_STRNE(all[i].id, all[j].id);
    EXPECT_EQ(find_pattern(all[i].id), &all[i]);
  }
  EXPECT_EQ(find_pattern("V9"), nullptr);
}

}  // namespace
}  // namespace corridor::check
