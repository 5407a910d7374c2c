// The day-one check of core v2: before any validation run, predict the exit choices behind
// V1, V5, V7 and the contract-length row from the model's own value functions, over a grid of
// the constants nothing pins, and test the design's failure conditions (docs/CALIBRATION.md,
// "Day one"). Nothing here chooses a value.
#pragma once

#include <functional>
#include <string>

#include "check/check.hpp"

namespace corridor::check {

// Runs the grid and returns the report as Markdown; `log` gets progress lines. The report
// ends with the failure conditions and whether each is met; `failed` is set when any is.
std::string day_one(const Options& o, const std::function<void(const std::string&)>& log,
                    bool* failed);

}  // namespace corridor::check
