// The parameter table: every field of the scenario spec declared once, with its unit,
// valid range, source and whether a timeline event may change it while the model runs.
//
// The input layer reads TOML through this table, validation checks ranges through it,
// --set and timeline events resolve paths through it, the output layer records the
// levers in force each month from it, and docs/SCENARIO_FORMAT.md is generated from it
// (a test regenerates the doc and fails on a difference). Defaults are never written
// here: they are read from a default-constructed entity (spec.hpp). data/parameters.csv
// has a row per key (default, unit, range, and the evidence behind the default: status and
// citation); tests/test_parameters_data.cpp fails when a key, default, unit or range here
// no longer matches it, or when a source names an id that data/evidence.csv lacks.
#pragma once

#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/spec.hpp"

namespace corridor {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

template <class E>
using MemberPtr = std::variant<double E::*, int64_t E::*, bool E::*, std::string E::*,
                               std::vector<double> E::*, std::vector<std::string> E::*>;

template <class E>
struct Param {
  std::string_view key;
  std::string_view unit;
  double min = -kInf;       // inclusive; for lists, per element
  double max = kInf;        // inclusive
  std::string_view source;  // data/evidence.csv row id, "seed", "lit: ...", "assumed", "calibrated"
  bool timeline = false;    // a timeline event may change it
  std::string_view doc;
  MemberPtr<E> member;
  std::vector<std::string_view> choices;  // allowed values of a text field
  int list_length = 0;                    // required length of a list (0 = any)
};

// One table per entity kind, in the order the doc lists them.
const std::vector<Param<RunSettings>>& run_params();
const std::vector<Param<Behaviour>>& behaviour_params();
const std::vector<Param<Band>>& band_params();
const std::vector<Param<Stratum>>& stratum_params();
const std::vector<Param<Origin>>& origin_params();
const std::vector<Param<Sector>>& sector_params();
const std::vector<Param<Destination>>& destination_params();
const std::vector<Param<Channel>>& channel_params();
const std::vector<Param<IrregularRoute>>& route_params();
const std::vector<Param<Corridor>>& corridor_params();
const std::vector<Param<Scheme>>& scheme_params();

template <class E>
const Param<E>* find_param(const std::vector<Param<E>>& table, std::string_view key) {
  for (const auto& p : table)
    if (p.key == key) return &p;
  return nullptr;
}

// The value of a field rendered as text (numbers in shortest round-trip form, lists in
// brackets, text quoted), used by docs and error messages.
template <class E>
std::string param_value_text(const E& e, const Param<E>& p);

// Type name of a field as written in docs and messages: "number", "integer", "boolean",
// "text", "list of numbers", "list of text".
template <class E>
std::string_view param_type_name(const Param<E>& p) {
  switch (p.member.index()) {
    case 0:
      return "number";
    case 1:
      return "integer";
    case 2:
      return "boolean";
    case 3:
      return "text";
    case 4:
      return "list of numbers";
    default:
      return "list of text";
  }
}

// Numeric value of a scalar field (booleans as 0/1); NaN for text and lists.
template <class E>
double param_number(const E& e, const Param<E>& p);

// Set a scalar numeric field from a double (integers must be whole, booleans 0/1).
// Returns false when the value does not fit the field's type.
template <class E>
bool set_param_number(E& e, const Param<E>& p, double v);

// Nearest valid name by edit distance, for "did you mean" messages ("" if none is close).
std::string nearest_name(std::string_view word, std::span<const std::string_view> candidates);
size_t edit_distance(std::string_view a, std::string_view b);

// The whole table as markdown: every key with type, unit, default, range, source,
// timeline flag and meaning (docs/SCENARIO_FORMAT.md is this text plus a fixed preamble).
std::string scenario_format_markdown();

// docs/SCENARIO_FORMAT.md: a hand-written preamble (file structure, base files, --set,
// the timeline, validation, an example) followed by scenario_format_markdown(). The test
// test_scenario_format_doc compares the file with it (CORRIDOR_UPDATE_DOCS=1 rewrites it).
std::string scenario_format_document();

}  // namespace corridor
