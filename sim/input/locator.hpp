// Where each key of a scenario came from, so that checks made on the Spec (which knows
// nothing of files) can still point at a file, line and column. Internal to sim/input.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "input/scenario_loader.hpp"

namespace corridor::input {

struct Location {
  std::string file;
  int64_t line = 0, column = 0;
  std::string note;  // appended to messages, e.g. " (from --set run.seed=7)"
};

// Locations by key path ("schemes.x.kind", "timeline[2].set", "" for the document).
class Locator {
 public:
  void add(const std::string& path, Location location) { at_[path] = std::move(location); }
  // The location of `path`, or of its nearest recorded ancestor.
  const Location& at(std::string_view path) const;

 private:
  std::map<std::string, Location, std::less<>> at_;
  Location none_;
};

// Collects diagnostics.
class Reporter {
 public:
  explicit Reporter(std::vector<Diagnostic>& out) : out_(out) {}
  void add(const Location& where, std::string key, std::string message) {
    reported_.insert(key);
    out_.push_back({where.file, where.line, where.column, std::move(key), message + where.note});
  }
  // Located by `key` itself; left out when `key` already has a diagnostic (a key that
  // could not be read would otherwise be reported again by the semantic checks).
  void at(const Locator& loc, const std::string& key, std::string message) {
    if (!reported_.contains(key)) add(loc.at(key), key, std::move(message));
  }
  size_t count() const { return out_.size(); }

 private:
  std::vector<Diagnostic>& out_;
  std::set<std::string> reported_;
};

// "unknown WHAT 'word'; did you mean 'x'?" (without the question when nothing is close).
std::string unknown_name(std::string_view what, std::string_view word,
                         const std::vector<std::string_view>& candidates);

}  // namespace corridor::input
