// Exact order statistics of 64-bit integers in groups, without copying the values: a radix
// selection over repeated passes. Each pass counts, per group and per wanted rank, the
// values that share the prefix found so far, by their next digit; counts are integers, so
// the result is the same for any thread count and any visiting order.
#pragma once

#include <tbb/combinable.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace corridor {

// For each group g of n values and each j < J, the value of rank rank_of(n, j) in group g
// (0-based: the rank-th smallest; rank_of must return a rank below n); groups without
// values get 0. `visit(chunk)` is called once per pass and must call chunk(each) for every
// chunk of the values, from as many threads as it likes; each(sink) must then call
// sink(g, value) for every value of that chunk (counts are kept per thread, looked up once
// per chunk). Per-thread counts are 32-bit: at most 2^32 - 1 values in all.
template <size_t J, class Visit, class RankOf>
std::vector<std::array<int64_t, J>> order_statistics(size_t groups, Visit&& visit,
                                                     RankOf&& rank_of) {
  const auto key = [](int64_t v) {  // order-preserving map of int64 onto uint64
    return static_cast<uint64_t>(v) ^ (uint64_t{1} << 63);
  };
  // Pass 0: the smallest and largest key of each group (keys are taken relative to the
  // smallest, so only the bits that vary are resolved).
  struct Range {
    std::vector<uint64_t> lo, hi, n;
  };
  tbb::combinable<Range> ranges([&] {
    return Range{std::vector<uint64_t>(groups, std::numeric_limits<uint64_t>::max()),
                 std::vector<uint64_t>(groups, 0), std::vector<uint64_t>(groups, 0)};
  });
  visit([&](auto&& each) {
    auto& r = ranges.local();
    each([&](size_t g, int64_t v) {
      const uint64_t k = key(v);
      r.lo[g] = std::min(r.lo[g], k);
      r.hi[g] = std::max(r.hi[g], k);
      ++r.n[g];
    });
  });
  Range all{std::vector<uint64_t>(groups, std::numeric_limits<uint64_t>::max()),
            std::vector<uint64_t>(groups, 0), std::vector<uint64_t>(groups, 0)};
  ranges.combine_each([&](const Range& r) {
    for (size_t g = 0; g < groups; ++g) {
      all.lo[g] = std::min(all.lo[g], r.lo[g]);
      all.hi[g] = std::max(all.hi[g], r.hi[g]);
      all.n[g] += r.n[g];
    }
  });
  // Bits resolved per pass: up to 12 (4,096 buckets per group and rank), fewer for few
  // values, so that clearing and adding up the counts never costs more than a pass over the
  // values themselves.
  uint64_t total = 0;
  for (size_t g = 0; g < groups; ++g) total += all.n[g];
  if (total > std::numeric_limits<uint32_t>::max())
    throw std::length_error("order_statistics: more than 2^32 - 1 values");
  const int kDigit = std::clamp(static_cast<int>(std::bit_width(total)) - 6, 4, 12);
  const size_t kBuckets = size_t{1} << kDigit;
  std::vector<std::array<int64_t, J>> out(groups);
  // Per group: bits still to resolve below `shift`, the width of this pass's digit, and per
  // rank the prefix resolved so far and the rank left within it.
  std::vector<int> shift(groups, 0), width(groups, 0);
  std::vector<std::array<uint64_t, J>> prefix(groups), left(groups);
  bool any = false;
  for (size_t g = 0; g < groups; ++g) {
    prefix[g].fill(0);
    for (size_t j = 0; j < J; ++j) left[g][j] = all.n[g] == 0 ? 0 : rank_of(all.n[g], j);
    const int bits = all.n[g] == 0 ? 0 : static_cast<int>(std::bit_width(all.hi[g] - all.lo[g]));
    width[g] = std::min(kDigit, bits);
    shift[g] = bits - width[g];
    any = any || width[g] > 0;
  }
  while (any) {
    tbb::combinable<std::vector<uint32_t>> hist(
        [&] { return std::vector<uint32_t>(groups * J * kBuckets, 0); });
    visit([&](auto&& each) {
      uint32_t* h = hist.local().data();
      each([&](size_t g, int64_t v) {
        if (width[g] == 0) return;
        const uint64_t k = key(v) - all.lo[g];
        const int above = shift[g] + width[g];
        const uint64_t high = above >= 64 ? 0 : k >> above;
        const uint64_t digit = (k >> shift[g]) & ((uint64_t{1} << width[g]) - 1);
        for (size_t j = 0; j < J; ++j)
          if (high == prefix[g][j]) ++h[(g * J + j) * kBuckets + digit];
      });
    });
    std::vector<uint64_t> sum(groups * J * kBuckets, 0);
    hist.combine_each([&](const std::vector<uint32_t>& h) {
      for (size_t q = 0; q < sum.size(); ++q) sum[q] += h[q];
    });
    any = false;
    for (size_t g = 0; g < groups; ++g) {
      if (width[g] == 0) continue;
      for (size_t j = 0; j < J; ++j) {
        const uint64_t* h = sum.data() + (g * J + j) * kBuckets;
        uint64_t b = 0;
        while (b + 1 < kBuckets && left[g][j] >= h[b]) left[g][j] -= h[b++];
        prefix[g][j] = (prefix[g][j] << width[g]) | b;
      }
      width[g] = std::min(kDigit, shift[g]);
      shift[g] -= width[g];
      any = any || width[g] > 0;
    }
  }
  for (size_t g = 0; g < groups; ++g)
    for (size_t j = 0; j < J; ++j)
      out[g][j] = all.n[g] == 0
                      ? 0
                      : static_cast<int64_t>((all.lo[g] + prefix[g][j]) ^ (uint64_t{1} << 63));
  return out;
}

}  // namespace corridor
