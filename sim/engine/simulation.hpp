// Runs a frozen scenario: every replicate, month by month, and returns labelled arrays.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "model/results.hpp"
#include "model/spec.hpp"

namespace corridor {

struct RunOptions {
  int threads = 0;  // 0 = the scenario's run.threads, and if that is 0 all hardware threads
  // Called after every simulated month with (months done, months in all replicates).
  std::function<void(int64_t, int64_t)> progress;
  // Checks every agent's net worth change against its booked money categories every
  // month (MODEL.md 7b) and throws std::runtime_error on the first mismatch. Slower.
  bool check_conservation = false;
  // When set and true, the run stops early and throws RunCancelled.
  const std::atomic<bool>* cancel = nullptr;
};

struct RunCancelled : std::exception {
  const char* what() const noexcept override { return "run cancelled"; }
};

// Simulates every replicate of `spec` and returns its outputs (MODEL.md section 6).
// Throws std::runtime_error on an inconsistent spec (the input layer validates first).
RunResults run_simulation(const Spec& spec, const RunOptions& options = {});

}  // namespace corridor
