// Loading a scenario: TOML text (with its chain of base files and --set overrides) to a
// validated Spec. This layer is the only code that knows TOML; docs/SCENARIO_FORMAT.md
// describes the format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/spec.hpp"

namespace corridor {

// One problem found in a scenario. `file` is the file the offending text came from (a base
// file for keys inherited from it, "--set" for an override); line and column start at 1
// (0 when unknown); `key` is the dotted key path, e.g. "schemes.ph_domestic.fee_cap_months";
// `message` says what was found and what was expected.
struct Diagnostic {
  std::string file;
  int64_t line = 0, column = 0;
  std::string key;
  std::string message;
};

// "FILE:LINE:COLUMN: key.path: message" (line and column left out when unknown, the key
// when empty).
std::string format_diagnostic(const Diagnostic& d);

struct LoadResult {
  std::optional<Spec> spec;  // set only when there are no diagnostics
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return spec.has_value() && diagnostics.empty(); }
};

// Reads, merges with its bases, applies `overrides` ("PATH=VALUE", from --set) and
// validates. Every problem is reported, not only the first.
LoadResult load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// The same from text; `display_name` is used in diagnostics and to find base files
// (relative to its folder).
LoadResult load_scenario_text(std::string_view text, const std::string& display_name,
                              const std::vector<std::string>& overrides = {});

}  // namespace corridor
