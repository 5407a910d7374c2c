#include "check/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "check/support.hpp"

namespace corridor::check {

namespace {

// Destinations counted as the Gulf (C4).
const std::set<std::string> kGulf = {"sa", "kw", "ae", "qa", "om", "bh", "gulf"};

// Scale: agents are divided by this at CI size (full size runs the file's own agents).
double ci_shrink(const Options& o, double ci) {
  return o.size == Size::full ? 1.0 : ci;
}

const Scheme* find_scheme(const Spec& s, const std::string& name) {
  for (const auto& x : s.schemes)
    if (x.name == name) return &x;
  return nullptr;
}

const Corridor* find_corridor(const Spec& s, const std::string& name) {
  for (const auto& x : s.corridors)
    if (x.name == name) return &x;
  return nullptr;
}

// Sum of a summary dataset over the scheme-axis entries in `names`, per replicate.
std::vector<double> sum_over(const RunResults& r, const std::string& path,
                             const std::vector<std::string>& names) {
  std::vector<double> out;
  for (const auto& n : names) {
    auto v = per_replicate(r, path, axis_index(r, "schemes", n));
    if (out.empty()) out.assign(v.size(), 0.0);
    for (size_t k = 0; k < v.size(); ++k) out[k] += v[k];
  }
  return out;
}

std::vector<double> window_over(const RunResults& r, const std::string& path, int from, int to,
                                const std::vector<std::string>& names) {
  std::vector<double> out;
  for (const auto& n : names) {
    auto v = window_sum(r, path, from, to, axis_index(r, "schemes", n));
    if (out.empty()) out.assign(v.size(), 0.0);
    for (size_t k = 0; k < v.size(); ++k) out[k] += v[k];
  }
  return out;
}

}  // namespace

RunResults run_scaled(const Options& o, const std::string& file, const Overrides& extra,
                      int replicates, double shrink) {
  Overrides ov = extra;
  ov.push_back(fmt::format("run.replicates={}", replicates));
  Spec spec = load(o, file, ov);
  if (shrink > 1.0) {
    for (auto& origin : spec.origins) {
      origin.agents =
          std::max<int64_t>(1, std::llround(static_cast<double>(origin.agents) / shrink));
      origin.weight *= static_cast<double>(origin.agents) > 0 ? shrink : 1.0;
      for (auto& st : origin.strata) {
        if (st.agents == 0) continue;
        const auto before = static_cast<double>(st.agents);
        st.agents = std::max<int64_t>(1, std::llround(before / shrink));
        st.weight *= before / static_cast<double>(st.agents);
      }
    }
  }
  return run(spec, o);
}

C1Metric c1_metric(const Options& o, const Overrides& extra) {
  const int reps = replicates(o, 10, 40);
  const double f = ci_shrink(o, 4.0);
  const Spec reform = load(o, kHswReform, extra);
  int r_month = -1;
  for (const auto& e : reform.timeline)
    if (e.action == TimelineEvent::Action::kSet &&
        e.path.find("ph_sa_domestic") != std::string::npos) {
      r_month = static_cast<int>(e.month);
      break;
    }
  if (r_month < 0)
    throw std::runtime_error(std::string(kHswReform) + ": no reform event on ph_sa_domestic");
  const Scheme* s = find_scheme(reform, "ph_sa_domestic");
  const int t0 = static_cast<int>(s->processing_months);
  const RunResults base = run_scaled(o, kPhilippines, extra, reps, f);
  const RunResults ref = run_scaled(o, kHswReform, extra, reps, f);
  const int from = r_month + t0 + 1, to = r_month + t0 + 13;
  C1Metric m;
  m.reform_month = r_month;
  m.t0 = t0;
  m.ph_base = window_over(base, "timeseries/deployments", from, to, {"ph_sa_domestic"});
  m.ph_reform = window_over(ref, "timeseries/deployments", from, to, {"ph_sa_domestic"});
  m.other_base = window_over(base, "timeseries/deployments", from, to, {"oa_sa_domestic"});
  m.other_reform = window_over(ref, "timeseries/deployments", from, to, {"oa_sa_domestic"});
  m.ratio = check::ratio(m.ph_reform, m.ph_base);
  return m;
}

C2Metric c2_metric(const Options& o, const Overrides& extra) {
  Overrides ov = extra;
  ov.push_back("schemes.ph_sa_other.fee_cap_months=-1");
  const RunResults r = run_scaled(o, kPhilippines, ov, replicates(o, 4, 20), ci_shrink(o, 4.0));
  const int j = axis_index(r, "schemes", "ph_sa_other");
  C2Metric m;
  m.mean_months = per_replicate(r, "summary/recruitment_cost_months_mean", j);
  // recruitment_cost_months_mean is per sex; recompute from num / den to pool the sexes.
  m.mean_months = check::ratio(per_replicate(r, "summary/recruitment_cost_months_mean_num", j),
                               per_replicate(r, "summary/recruitment_cost_months_mean_den", j));
  m.share_over_2x = per_replicate(r, "summary/share_cost_over_2x_median", j);
  return m;
}

C4Metric c4_metric(const Options& o, const std::string& file, const Overrides& extra) {
  const RunResults r = run_scaled(o, file, extra, replicates(o, 4, 20), ci_shrink(o, 4.0));
  const Spec spec = load(o, file, extra);
  std::vector<std::string> names;
  for (const auto& s : spec.schemes) {
    const Corridor* c = find_corridor(spec, s.corridor);
    if (c && kGulf.count(c->destination)) names.push_back(s.name);
  }
  if (names.empty()) throw std::runtime_error(file + ": no scheme to a Gulf destination");
  return {sum_over(r, "summary/remittances_sent", names),
          sum_over(r, "summary/earnings_abroad", names)};
}

std::vector<double> c4_pooled(const Options& o, const Overrides& extra) {
  const C4Metric ph = c4_metric(o, kPhilippines, extra), lk = c4_metric(o, kSriLanka, extra);
  std::vector<double> out(ph.remitted.size());
  for (size_t k = 0; k < out.size(); ++k)
    out[k] = (ph.remitted[k] + lk.remitted[k]) / (ph.earned[k] + lk.earned[k]);
  return out;
}

C5Metric c5_metric(const Options& o, const Overrides& extra) {
  const Spec spec = load(o, kSriLanka, extra);
  const RunResults r = run_scaled(o, kSriLanka, extra, replicates(o, 4, 20), ci_shrink(o, 4.0));
  std::vector<std::string> names;
  for (const auto& s : spec.schemes) names.push_back(s.name);
  const double years = static_cast<double>(spec.run.months - spec.run.burn_in) / 12.0;
  C5Metric m;
  m.departures_per_year = sum_over(r, "summary/deployments", names);
  for (auto& x : m.departures_per_year) x /= years;
  m.applicants_per_selection = check::ratio(sum_over(r, "summary/applications", names),
                                            sum_over(r, "summary/selections", names));
  return m;
}

std::vector<double> c6_metric(const Options& o, const Overrides& extra) {
  const RunResults r = run_scaled(o, kPhilippines, extra, replicates(o, 4, 20), ci_shrink(o, 4.0));
  const std::vector<std::string> names = {"ph_sa_domestic", "ph_sa_other", "ph_sa/irregular"};
  return check::ratio(sum_over(r, "summary/remittances_formal", names),
                      sum_over(r, "summary/remittances_sent", names));
}

Fit bisect(std::string id, std::string parameter, double target, double lo, double hi, double tol,
           int max_steps, const std::function<double(double)>& metric) {
  Fit fit{std::move(id), std::move(parameter), target, NAN, NAN, {}};
  double f_lo = metric(lo), f_hi = metric(hi);
  fit.trace = {{lo, f_lo}, {hi, f_hi}};
  if ((f_lo - target) * (f_hi - target) > 0) {
    // Not bracketed: keep the closer end.
    const bool lo_closer = std::fabs(f_lo - target) < std::fabs(f_hi - target);
    fit.value = lo_closer ? lo : hi;
    fit.achieved = lo_closer ? f_lo : f_hi;
    return fit;
  }
  for (int step = 0; step < max_steps; ++step) {
    // Interpolate (regula falsi with a bisection guard) to save runs.
    double mid = lo + (target - f_lo) * (hi - lo) / (f_hi - f_lo);
    const double span = hi - lo;
    if (!(mid > lo + 0.1 * span && mid < hi - 0.1 * span)) mid = 0.5 * (lo + hi);
    const double f_mid = metric(mid);
    fit.trace.emplace_back(mid, f_mid);
    fit.value = mid;
    fit.achieved = f_mid;
    if (std::fabs(f_mid - target) <= tol) break;
    if ((f_mid - target) * (f_lo - target) > 0) {
      lo = mid;
      f_lo = f_mid;
    } else {
      hi = mid;
      f_hi = f_mid;
    }
  }
  return fit;
}

}  // namespace corridor::check

namespace corridor::check {

std::vector<Fit> calibrate(const Options& o, const std::vector<std::string>& ids,
                           const std::function<void(const std::string&)>& log) {
  auto wanted = [&](const char* id) {
    return ids.empty() || std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  auto traced = [&](const char* what, std::function<double(double)> f) {
    return [what, f, &log](double x) {
      const double y = f(x);
      log(fmt::format("  {} = {:.4f} -> {:.4f}", what, x, y));
      return y;
    };
  };
  std::vector<Fit> fits;
  if (wanted("C0")) {
    // First: b is frozen before anything else is fitted or validated (core v2 M0).
    log("C0: behaviour.b_money (Shrestha 2020 replication)");
    fits.push_back(
        bisect("C0", "behaviour.b_money", 0.7, 0.02, 0.3, 0.01, 14,
               traced("b_money", [&](double x) { return b_metric(o, {}, x).elasticity; })));
  }
  if (wanted("C7")) {
    log("C7: behaviour.home_pref (first irregular trips ending within 12 months)");
    fits.push_back(bisect("C7", "behaviour.home_pref", 0.45, -1.0, 0.8, 0.005, 10,
                          traced("home_pref", [&](double x) {
                            return mean(c7_metric(o, {fmt::format("behaviour.home_pref={}", x)}));
                          })));
  }
  if (wanted("C2")) {
    // Two parameters, two targets: the share above twice the median moves mostly with the
    // spread, the mean mostly with the median; alternate twice.
    double median = load(o, kPhilippines).corridors.front().fee_median_months;
    double sigma = 0.8;
    for (int round = 0; round < 2; ++round) {
      log(fmt::format("C2 round {}: fee_sigma", round + 1));
      Fit s = bisect(
          "C2", "corridors.ph_sa.fee_sigma", 0.18, 0.3, 1.5, 0.005, 6,
          traced("fee_sigma", [&](double x) {
            return mean(c2_metric(o, {fmt::format("corridors.ph_sa.fee_sigma={}", x),
                                      fmt::format("corridors.ph_sa.fee_median_months={}", median)})
                            .share_over_2x);
          }));
      sigma = s.value;
      log(fmt::format("C2 round {}: fee_median_months", round + 1));
      Fit m = bisect(
          "C2", "corridors.ph_sa.fee_median_months", 4.0, 0.5, 6.0, 0.05, 6,
          traced("fee_median_months", [&](double x) {
            return mean(c2_metric(o, {fmt::format("corridors.ph_sa.fee_sigma={}", sigma),
                                      fmt::format("corridors.ph_sa.fee_median_months={}", x)})
                            .mean_months);
          }));
      median = m.value;
      if (round == 1) {
        fits.push_back(s);
        fits.push_back(m);
      }
    }
  }
  if (wanted("C4")) {
    log("C4: behaviour.altruism");
    fits.push_back(bisect("C4", "behaviour.altruism", 0.55, 0.2, 0.95, 0.005, 8,
                          traced("altruism", [&](double x) {
                            return mean(c4_pooled(o, {fmt::format("behaviour.altruism={}", x)}));
                          })));
  }
  if (wanted("C6")) {
    log("C6: informal channel constant");
    fits.push_back(
        bisect("C6", "corridors.ph_sa.channels.informal.constant", 0.65, -6.0, 3.0, 0.005, 8,
               traced("informal constant", [&](double x) {
                 return mean(c6_metric(
                     o, {fmt::format("corridors.ph_sa.channels.informal.constant={}", x)}));
               })));
  }
  if (wanted("C5")) {
    // MODEL.md 1: C5 fits the legal-route constant, unless slots bind (more applications
    // than selections), when departures are set by demand and C5 fits D0 instead: every
    // Sri Lankan destination sector's demand is scaled by one factor.
    const Spec lk = load(o, kSriLanka);
    const C5Metric now = c5_metric(o, {});
    const double per_slot = mean(now.applicants_per_selection);
    log(fmt::format("C5: {:.2f} applications per selection at the current values", per_slot));
    if (per_slot > 1.1) {
      log("C5: slots bind: fitting a common scale of the Sri Lankan sectors' demand D0");
      fits.push_back(bisect("C5", "scale of every destination sector's demand in sri_lanka.toml",
                            200000.0, 0.5, 1.5, 4000.0, 8, traced("demand scale", [&](double x) {
                              Overrides ov;
                              for (const auto& d : lk.destinations)
                                for (const auto& sec : d.sectors)
                                  ov.push_back(fmt::format("destinations.{}.sectors.{}.demand={}",
                                                           d.name, sec.name, sec.demand * x));
                              return mean(c5_metric(o, ov).departures_per_year);
                            })));
    } else {
      log("C5: slots do not bind: fitting the Sri Lankan schemes' route constant");
      fits.push_back(bisect("C5", "schemes.<every Sri Lankan scheme>.route_constant", 200000.0,
                            -6.0, 6.0, 4000.0, 8, traced("route_constant", [&](double x) {
                              Overrides ov;
                              for (const auto& s : lk.schemes)
                                ov.push_back(
                                    fmt::format("schemes.{}.route_constant={}", s.name, x));
                              return mean(c5_metric(o, ov).departures_per_year);
                            })));
    }
  }
  if (wanted("C1")) {
    log("C1: Saudi domestic sector elasticity");
    fits.push_back(bisect(
        "C1", "destinations.sa.sectors.domestic.elasticity", 0.5, -3.0, -0.05, 0.01, 8,
        traced("elasticity", [&](double x) {
          return mean(
              c1_metric(o, {fmt::format("destinations.sa.sectors.domestic.elasticity={}", x)})
                  .ratio);
        })));
  }
  return fits;
}

}  // namespace corridor::check
