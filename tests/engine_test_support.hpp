// Helpers shared by the engine tests: find a channel on the schemes axis, read a
// timeseries summed over sex.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "model/results.hpp"

namespace corridor::test_support {

inline int channel_index(const RunResults& r, const std::string& name) {
  const auto& ax = r.axes.at("schemes");
  for (size_t i = 0; i < ax.size(); ++i)
    if (ax[i] == name) return static_cast<int>(i);
  ADD_FAILURE() << "no channel " << name;
  return -1;
}

// A timeseries dataset [replicate, month, schemes, sex], summed over sex.
class Series {
 public:
  Series(const RunResults& r, const std::string& name) : d_(r.find("timeseries/" + name)) {
    EXPECT_NE(d_, nullptr) << name;
    EXPECT_TRUE(d_ == nullptr || d_->shape.size() == 4) << name;
  }
  size_t replicates() const { return d_ ? d_->shape[0] : 0; }
  size_t months() const { return d_ ? d_->shape[1] : 0; }
  size_t channels() const { return d_ ? d_->shape[2] : 0; }
  // One channel (ch >= 0) or all channels (ch < 0) in replicate rep and month m.
  double at(size_t rep, size_t m, int ch) const {
    if (!d_) return NAN;
    double s = 0;
    for (size_t c = 0; c < channels(); ++c) {
      if (ch >= 0 && c != static_cast<size_t>(ch)) continue;
      const size_t base = ((rep * months() + m) * channels() + c) * 2;
      s += d_->data[base] + d_->data[base + 1];
    }
    return s;
  }
  double at(size_t m, int ch) const { return at(0, m, ch); }
  // All months and replicates of one channel (or all channels).
  double total(int ch = -1) const {
    double s = 0;
    for (size_t rep = 0; rep < replicates(); ++rep)
      for (size_t m = 0; m < months(); ++m) s += at(rep, m, ch);
    return s;
  }

 private:
  const Dataset* d_;
};

// The status-flow table of MODEL.md 6: every status's stock changes each month by its
// inflows less its outflows, in every replicate (all channels together).
inline void expect_status_flows_reconcile(const RunResults& r, double tol = 1e-6) {
  auto S = [&](const char* n) { return Series(r, n); };
  const Series home = S("stock_home"), applicant = S("stock_applicant"),
               pre = S("stock_pre_departure"), legal = S("stock_abroad_legal"),
               irregular = S("stock_abroad_irregular"), settled = S("stock_settled");
  const Series applications = S("applications"), lapses = S("roster_lapses"),
               withdrawals = S("withdrawals"), selections = S("selections"),
               deployments = S("deployments"), entries_irr = S("irregular_entries"),
               on_time = S("returns_on_time"), early = S("early_returns"),
               overstays = S("overstays"), searcher = S("searcher_overstays"),
               at_end = S("settled_at_end"), during = S("settled_during"),
               irr_returns = S("irregular_returns"), deportations = S("deportations"),
               regularisations = S("regularisations"), entries = S("entries"),
               x_home = S("exits_home"), x_app = S("exits_applicant"),
               x_pre = S("exits_pre_departure"), x_legal = S("exits_abroad_legal"),
               x_irr = S("exits_abroad_irregular"), x_settled = S("exits_settled"),
               absconds = S("absconds"), fraud = S("fraud_victims");
  for (size_t rep = 0; rep < home.replicates(); ++rep) {
    for (size_t m = 1; m < home.months(); ++m) {
      SCOPED_TRACE("replicate " + std::to_string(rep) + ", month " + std::to_string(m));
      auto f = [&](const Series& s) { return s.at(rep, m, -1); };
      auto prev = [&](const Series& s) { return s.at(rep, m - 1, -1); };
      EXPECT_NEAR(f(home),
                  prev(home) - f(applications) + f(lapses) + f(withdrawals) - f(entries_irr) +
                      f(on_time) + f(early) + f(irr_returns) + f(deportations) + f(fraud) -
                      f(x_home) + f(entries),
                  tol)
          << "home";
      EXPECT_NEAR(
          f(applicant),
          prev(applicant) + f(applications) - f(lapses) - f(withdrawals) - f(selections) - f(x_app),
          tol)
          << "applicant";
      EXPECT_NEAR(f(pre), prev(pre) + f(selections) - f(deployments) - f(fraud) - f(x_pre), tol)
          << "pre_departure";
      EXPECT_NEAR(f(legal),
                  prev(legal) + f(deployments) + f(regularisations) - f(on_time) - f(early) -
                      f(overstays) - f(searcher) - f(absconds) - f(at_end) - f(during) - f(x_legal),
                  tol)
          << "abroad_legal";
      EXPECT_NEAR(f(irregular),
                  prev(irregular) + f(entries_irr) + f(overstays) + f(searcher) + f(absconds) -
                      f(irr_returns) - f(deportations) - f(regularisations) - f(x_irr),
                  tol)
          << "abroad_irregular";
      EXPECT_NEAR(f(settled), prev(settled) + f(at_end) + f(during) - f(x_settled), tol)
          << "settled";
    }
  }
}

}  // namespace corridor::test_support
