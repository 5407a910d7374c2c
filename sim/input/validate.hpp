// Semantic checks of a Spec read from a scenario: references between entities, scheme
// kinds against their levers, shares that must sum to one, run settings. Ranges and
// types of single keys are checked while reading (reader.cpp). Internal to sim/input.
#pragma once

#include "input/locator.hpp"
#include "model/spec.hpp"

namespace corridor::input {

void validate_spec(const Spec& spec, const Locator& where, Reporter& report);

}  // namespace corridor::input
