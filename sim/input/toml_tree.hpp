// The TOML side of the input layer: the parsed tree, where its nodes came from, merging
// with base files, --set overrides, reading into a Spec and writing the resolved text.
// Internal to sim/input (nothing outside it includes toml++).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "input/locator.hpp"
#include "model/spec.hpp"

namespace corridor::input {

// The files and --set arguments a tree was built from, in rank order: the deepest base
// first, the loaded file, then the overrides. Ranks order the entries of merged tables
// (a base's entities come before those its pilot adds) and sources become Locations.
class Sources {
 public:
  void add_file(const std::string& name) { files_.push_back(name); }
  void set_overrides(std::vector<std::string> args) { overrides_ = std::move(args); }
  static std::string override_source(size_t index);  // the source path of the i-th --set
  size_t rank(const toml::node& n) const;
  Location locate(const toml::node& n) const;

 private:
  std::vector<std::string> files_;
  std::vector<std::string> overrides_;
};

// The entries of a table in the order they were written.
std::vector<std::pair<std::string, toml::node*>> ordered(toml::table& t, const Sources& src);

// Parses `text` and its chain of bases (base = "file" at the top level), merged: tables
// deep-merged with the later file winning, [[timeline]] appended. nullopt after a
// syntax error, an unreadable base or a cycle (all reported).
std::optional<toml::table> load_tree(std::string_view text, const std::string& name, Sources& src,
                                     Reporter& report);

// Applies "PATH=VALUE" arguments to the tree (see overrides.cpp).
void apply_overrides(toml::table& root, const std::vector<std::string>& args, Sources& src,
                     Reporter& report);

// The tree as TOML text, entries in written order.
std::string write_toml(const toml::table& root, const Sources& src);

// Reads the tree into `spec` through the parameter tables, reporting every problem and
// recording where each key came from (reader.cpp); the timeline is read by read_timeline
// (timeline.cpp), after the entities, since its targets refer to them.
void read_spec(toml::table& root, const Sources& src, Spec& spec, Locator& where, Reporter& report);
void read_timeline(toml::table& root, const Sources& src, Spec& spec, Locator& where,
                   Reporter& report);

// A value as messages show it: 14, 1.5, true, 'text', "a list of 3 values", "a table".
std::string describe_node(const toml::node& n);
// A double in shortest round-trip form that TOML reads back as a float ("2.0", "1e+12").
std::string float_text(double v);
// "a number from 0 to 1", "an integer of at least 1", ...
std::string range_expectation(std::string_view noun, double min, double max);

}  // namespace corridor::input
