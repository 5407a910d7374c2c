// docs/SCENARIO_FORMAT.md must equal scenario_format_document(); with the environment
// variable CORRIDOR_UPDATE_DOCS=1 the test rewrites the file instead.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "model/params.hpp"

namespace corridor {
namespace {

TEST(ScenarioFormatDoc, MatchesTheParameterTables) {
  const std::string path = CORRIDOR_SOURCE_DIR "/docs/SCENARIO_FORMAT.md";
  const std::string expected = scenario_format_document();
  const char* update = std::getenv("CORRIDOR_UPDATE_DOCS");
  if (update && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary);
    out << expected;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path
                         << " is missing; run the tests with CORRIDOR_UPDATE_DOCS=1 to write it";
  std::ostringstream text;
  text << in.rdbuf();
  const std::string actual = text.str();
  if (actual == expected) return;
  size_t line = 1, i = 0;
  for (; i < std::min(actual.size(), expected.size()) && actual[i] == expected[i]; ++i)
    if (actual[i] == '\n') ++line;
  auto line_at = [](const std::string& s, size_t at) {
    const size_t b = s.rfind('\n', at == 0 ? 0 : at - 1);
    const size_t start = b == std::string::npos ? 0 : b + 1;
    return s.substr(start, s.find('\n', start) - start);
  };
  FAIL() << path << " differs from scenario_format_document() (sim/model/scenario_doc.cpp) at line "
         << line << ":\n  file:      " << line_at(actual, i)
         << "\n  generated: " << line_at(expected, i)
         << "\nRun the tests with CORRIDOR_UPDATE_DOCS=1 to regenerate the file.";
}

}  // namespace
}  // namespace corridor
