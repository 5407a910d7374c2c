// What a run produces, as plain labelled arrays: the output layer writes any RunResults
// to HDF5 without knowing what the numbers mean, and the engine fills one without
// knowing HDF5.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace corridor {

// A dense, row-major array of doubles whose axes are named (each name is an axis of
// RunResults::axes, or "replicate"/"month" which are implicit integer axes).
struct Dataset {
  std::string path;               // e.g. "timeseries/deployments"
  std::string units;              // e.g. "people per month"
  std::string description;        // one sentence
  std::vector<std::string> dims;  // axis names, outermost first
  std::vector<size_t> shape;      // extent of each axis
  std::vector<double> data;       // product(shape) values, row-major

  size_t size() const {
    size_t n = 1;
    for (auto s : shape) n *= s;
    return n;
  }
};

struct RunResults {
  // Root attributes (corridor_version, git_revision, build_flags, scenario_name, seed,
  // replicates, months, burn_in, created, threads, scenario_hash ...).
  std::map<std::string, std::string> text_attributes;
  std::map<std::string, double> number_attributes;
  // Axes written to /index/<name> as string datasets.
  std::map<std::string, std::vector<std::string>> axes;
  // The fully resolved scenario text, written to /scenario/resolved.
  std::string scenario_resolved;
  // Every numeric dataset (timeseries, summaries, levers ...). A deque, so that a
  // reference returned by add() stays valid while more datasets are added.
  std::deque<Dataset> datasets;

  Dataset& add(std::string path, std::string units, std::string description,
               std::vector<std::string> dims, std::vector<size_t> shape) {
    Dataset d{std::move(path), std::move(units), std::move(description),
              std::move(dims), std::move(shape), {}};
    d.data.assign(d.size(), 0.0);
    datasets.push_back(std::move(d));
    return datasets.back();
  }
  const Dataset* find(const std::string& path) const {
    for (const auto& d : datasets)
      if (d.path == path) return &d;
    return nullptr;
  }
};

}  // namespace corridor
