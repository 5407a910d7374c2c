// Counter-based random streams (Random123 Philox4x64-10).
//
// A draw depends only on (seed, replicate, stream, agent, generation, month) and its
// position within that stream, never on the thread that makes it: the same agent gets
// the same numbers whatever the thread count or the order in which agents are visited.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace corridor {

// One named stream per decision or event, so that changing one rule never shifts the
// draws of another.
enum class Stream : uint32_t {
  kInit = 1,
  kDemography,
  kHomeEmployment,
  kInform,
  kConsider,
  kChoice,
  kSelectionKey,
  kFee,
  kCompliance,
  kCrossing,
  kJobLoss,
  kSearch,
  kRemitChannel,
  kRemitLoss,
  kContractEnd,
  kSettle,
  kIrregularReconsider,
  kDetection,
  kDisappointment,
  kBusiness,
  kRehire,
  kInitialStock,
  kFraud,
  kSubstitution,
  kNonPayment,
  kAbscond,
  kReunification,
  kAbscondChoice,
  kRenewal,
};

class Rng {
 public:
  using Philox = r123::Philox4x64;

  Rng(uint64_t seed, uint64_t replicate, Stream stream, uint64_t agent, uint64_t generation,
      uint64_t month) {
    key_ = {{seed, replicate}};
    ctr_ = {{static_cast<uint64_t>(stream) << 32, agent, generation, month}};
  }

  uint64_t next_u64() {
    if (pos_ == 4) refill();
    return buf_[pos_++];
  }
  // Uniform on (0, 1): never exactly 0 or 1, so logs and inverse CDFs are safe.
  double uniform() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }
  bool bernoulli(double p) { return uniform() < p; }
  double normal() {  // Box-Muller, one value per two uniforms (no hidden state)
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double lognormal(double median, double sd) { return median * std::exp(sd * normal()); }

 private:
  void refill() {
    buf_ = Philox()(ctr_, key_);
    ctr_.v[0] += 1;  // the low 32 bits of word 0 count blocks within the stream
    pos_ = 0;
  }
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type buf_{};
  int pos_ = 4;
};

// A single 64-bit key for ranking in market clearing (same inputs, same key).
inline uint64_t ranking_key(uint64_t seed, uint64_t replicate, Stream stream, uint64_t agent,
                            uint64_t generation, uint64_t month) {
  return Rng(seed, replicate, stream, agent, generation, month).next_u64();
}

}  // namespace corridor
