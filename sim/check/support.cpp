#include "check/support.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"

#ifndef CORRIDOR_SCENARIOS_DIR
#define CORRIDOR_SCENARIOS_DIR "scenarios"
#endif

namespace corridor::check {

Spec load(const Options& o, const std::string& relative_path,
          const std::vector<std::string>& overrides) {
  const std::string dir = o.scenarios_dir.empty() ? CORRIDOR_SCENARIOS_DIR : o.scenarios_dir;
  const std::string path = dir + "/" + relative_path;
  std::vector<std::string> all = o.overrides;
  all.insert(all.end(), overrides.begin(), overrides.end());
  LoadResult loaded = load_scenario(path, all);
  if (!loaded.ok()) {
    std::string msg = "invalid scenario " + path + ":";
    for (const auto& d : loaded.diagnostics) msg += "\n  " + format_diagnostic(d);
    throw std::runtime_error(msg);
  }
  return std::move(*loaded.spec);
}

void set_strata_agents(Spec& spec, long long female, long long male) {
  for (auto& org : spec.origins)
    for (auto& st : org.strata) st.agents = st.sex == "female" ? female : male;
}

RunResults run(const Spec& spec, const Options& o) {
  RunOptions ro;
  ro.threads = o.threads;
  return run_simulation(spec, ro);
}

int replicates(const Options& o, int ci, int full) {
  if (o.replicates > 0) return o.replicates;
  return o.size == Size::full ? full : ci;
}

long long by_size(const Options& o, long long ci, long long full) {
  return o.size == Size::full ? full : ci;
}

int axis_index(const RunResults& r, const std::string& axis, const std::string& name) {
  auto it = r.axes.find(axis);
  if (it == r.axes.end()) throw std::runtime_error("results have no axis " + axis);
  for (size_t i = 0; i < it->second.size(); ++i)
    if (it->second[i] == name) return static_cast<int>(i);
  throw std::runtime_error("axis " + axis + " has no entry " + name);
}

namespace {
const Dataset& need(const RunResults& r, const std::string& path) {
  const Dataset* d = r.find(path);
  if (!d) throw std::runtime_error("results have no dataset " + path);
  return *d;
}
}  // namespace

std::vector<double> per_replicate(const RunResults& r, const std::string& path, int i) {
  const Dataset& d = need(r, path);
  if (d.shape.size() < 2) throw std::runtime_error(path + " has no second axis");
  const size_t reps = d.shape[0], n1 = d.shape[1];
  size_t inner = 1;
  for (size_t k = 2; k < d.shape.size(); ++k) inner *= d.shape[k];
  if (i >= static_cast<int>(n1)) throw std::runtime_error(path + ": index out of range");
  std::vector<double> out(reps, 0.0);
  for (size_t rep = 0; rep < reps; ++rep)
    for (size_t a = 0; a < n1; ++a) {
      if (i >= 0 && a != static_cast<size_t>(i)) continue;
      for (size_t k = 0; k < inner; ++k) out[rep] += d.data[(rep * n1 + a) * inner + k];
    }
  return out;
}

std::vector<double> window_sum(const RunResults& r, const std::string& path, int from, int to,
                               int i) {
  const Dataset& d = need(r, path);
  if (d.shape.size() < 3) throw std::runtime_error(path + " is not [replicate, month, X, ...]");
  const size_t reps = d.shape[0], months = d.shape[1], n2 = d.shape[2];
  size_t inner = 1;
  for (size_t k = 3; k < d.shape.size(); ++k) inner *= d.shape[k];
  if (from < 0 || to > static_cast<int>(months) || from > to)
    throw std::runtime_error(
        fmt::format("{}: month window [{}, {}) outside 0..{}", path, from, to, months));
  if (i >= static_cast<int>(n2)) throw std::runtime_error(path + ": index out of range");
  std::vector<double> out(reps, 0.0);
  for (size_t rep = 0; rep < reps; ++rep)
    for (int m = from; m < to; ++m)
      for (size_t a = 0; a < n2; ++a) {
        if (i >= 0 && a != static_cast<size_t>(i)) continue;
        const size_t base = ((rep * months + static_cast<size_t>(m)) * n2 + a) * inner;
        for (size_t k = 0; k < inner; ++k) out[rep] += d.data[base + k];
      }
  return out;
}

std::vector<double> ratio(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::runtime_error("ratio: sizes differ");
  std::vector<double> out(a.size());
  for (size_t k = 0; k < a.size(); ++k) out[k] = b[k] == 0 ? NAN : a[k] / b[k];
  return out;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::runtime_error("minus: sizes differ");
  std::vector<double> out(a.size());
  for (size_t k = 0; k < a.size(); ++k) out[k] = a[k] - b[k];
  return out;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  int n = 0;
  for (double x : v)
    if (!std::isnan(x)) {
      s += x;
      ++n;
    }
  return n ? s / n : NAN;
}

double sd(const std::vector<double>& v) {
  const double m = mean(v);
  double s = 0;
  int n = 0;
  for (double x : v)
    if (!std::isnan(x)) {
      s += (x - m) * (x - m);
      ++n;
    }
  return n > 1 ? std::sqrt(s / (n - 1)) : NAN;
}

double paired_t(const std::vector<double>& a, const std::vector<double>& b) {
  const auto d = minus(a, b);
  int n = 0;
  for (double x : d) n += std::isnan(x) ? 0 : 1;
  const double s = sd(d);
  if (n < 2) return NAN;
  if (s == 0) return mean(d) == 0 ? 0.0 : std::copysign(INFINITY, mean(d));
  return mean(d) / (s / std::sqrt(static_cast<double>(n)));
}

Figure figure(std::string name, std::string units, const std::vector<double>& v) {
  Figure f{std::move(name), std::move(units), mean(v), sd(v), 0};
  for (double x : v) f.n += std::isnan(x) ? 0 : 1;
  return f;
}

}  // namespace corridor::check
