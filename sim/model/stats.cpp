#include "model/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace corridor::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHalfTolerance = 1e-12;

void check_weight(double w) {
  if (!std::isfinite(w) || w <= 0.0) {
    throw std::invalid_argument("stats: weights must be finite and > 0");
  }
}

// (value, weight) pairs sorted fully, so that accumulation order is canonical.
std::vector<std::pair<double, double>> sorted_pairs(std::span<const double> values,
                                                    std::span<const double> weights) {
  if (values.size() != weights.size()) {
    throw std::invalid_argument("stats: values and weights differ in length");
  }
  std::vector<std::pair<double, double>> pairs;
  pairs.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) throw std::invalid_argument("stats: NaN value");
    check_weight(weights[i]);
    pairs.emplace_back(values[i], weights[i]);
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

// One distinct time: weighted events, and weighted records at risk just before it.
struct Group {
  double time;
  double events;
  double at_risk;
};

// Groups of the observations by distinct time, ascending, in canonical order.
std::vector<Group> risk_groups(std::span<const Observation> obs) {
  std::vector<Observation> sorted(obs.begin(), obs.end());
  for (const Observation& o : sorted) {
    if (!std::isfinite(o.time) || o.time < 0.0) {
      throw std::invalid_argument("stats: observation times must be finite and >= 0");
    }
    check_weight(o.weight);
  }
  std::sort(sorted.begin(), sorted.end(), [](const Observation& a, const Observation& b) {
    return std::make_tuple(a.time, !a.event, a.weight) <
           std::make_tuple(b.time, !b.event, b.weight);
  });
  std::vector<Group> groups;
  std::vector<double> leaving;  // events plus censorings at each group's time
  for (std::size_t i = 0; i < sorted.size();) {
    const double t = sorted[i].time;
    double d = 0.0;
    double c = 0.0;
    for (; i < sorted.size() && sorted[i].time == t; ++i) {
      (sorted[i].event ? d : c) += sorted[i].weight;
    }
    groups.push_back({t, d, 0.0});
    leaving.push_back(d + c);
  }
  // At risk at a time = everyone leaving at that time or later, summed from the end so
  // that the last group's risk set is exactly its own weight (S reaches exactly 0).
  double risk = 0.0;
  for (std::size_t g = groups.size(); g-- > 0;) {
    risk = leaving[g] + risk;
    groups[g].at_risk = risk;
  }
  return groups;
}

std::vector<std::pair<double, double>> km_steps(const std::vector<Group>& groups) {
  std::vector<std::pair<double, double>> steps;
  double s = 1.0;
  for (const Group& g : groups) {
    if (g.events > 0.0) {
      s *= 1.0 - g.events / g.at_risk;
      steps.emplace_back(g.time, s);
    }
  }
  return steps;
}

}  // namespace

double weighted_median(std::span<const double> values, std::span<const double> weights) {
  const auto pairs = sorted_pairs(values, weights);
  if (pairs.empty()) return kNaN;
  double total = 0.0;
  for (const auto& p : pairs) total += p.second;
  const double half = 0.5 * total - kHalfTolerance * total;
  double cumulative = 0.0;
  for (const auto& p : pairs) {
    cumulative += p.second;
    if (cumulative >= half) return p.first;
  }
  return pairs.back().first;  // unreachable: the full sum reaches half the total
}

double weighted_share_above(std::span<const double> values, std::span<const double> weights,
                            double threshold) {
  const auto pairs = sorted_pairs(values, weights);
  if (pairs.empty()) return kNaN;
  double total = 0.0;
  double above = 0.0;
  for (const auto& p : pairs) {
    total += p.second;
    if (p.first > threshold) above += p.second;
  }
  return above / total;
}

std::vector<std::pair<double, double>> kaplan_meier(std::span<const Observation> obs) {
  return km_steps(risk_groups(obs));
}

double km_median(std::span<const Observation> obs) {
  for (const auto& [t, s] : kaplan_meier(obs)) {
    if (s <= 0.5 + kHalfTolerance) return t;
  }
  return kNaN;
}

double km_rmst(std::span<const Observation> obs, double tau) {
  if (!std::isfinite(tau) || tau < 0.0) {
    throw std::invalid_argument("stats: km_rmst needs a finite tau >= 0");
  }
  if (obs.empty()) return kNaN;
  const auto steps = kaplan_meier(obs);
  double area = 0.0;
  double prev_t = 0.0;
  double prev_s = 1.0;
  for (const auto& [t, s] : steps) {
    if (t >= tau) break;
    area += prev_s * (t - prev_t);
    prev_t = t;
    prev_s = s;
  }
  return area + prev_s * (tau - prev_t);
}

double km_survival_at(std::span<const Observation> obs, double t) {
  if (std::isnan(t)) throw std::invalid_argument("stats: km_survival_at at NaN");
  if (obs.empty()) return kNaN;
  double s = 1.0;
  for (const auto& [time, value] : kaplan_meier(obs)) {
    if (time > t) break;
    s = value;
  }
  return s;
}

}  // namespace corridor::stats
