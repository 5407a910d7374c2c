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

}  // namespace corridor::test_support
