// Lever paths: text addresses of the scalar fields of a scenario, such as
// "schemes.ph_domestic.fee_cap_months" or "origins.ph.bands.low.home_wage".
//
// The engine applies timeline events to a working copy of the spec through these
// functions; the input layer checks timeline targets with them. Every path resolves
// through the parameter table (params.hpp): there is no per-field code here.
//
// Path forms (NAME, SECTOR and CHANNEL are entity names, BAND is low, medium or high):
//   run.KEY  behaviour.KEY  schemes.NAME.KEY  origins.NAME.KEY  origins.NAME.bands.BAND.KEY
//   destinations.NAME.KEY  destinations.NAME.sectors.SECTOR.KEY  corridors.NAME.KEY
//   corridors.NAME.channels.CHANNEL.KEY  corridors.NAME.irregular.KEY
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/spec.hpp"

namespace corridor {

// What the parameter table says about the scalar field a path addresses.
struct LeverInfo {
  std::string_view key;
  std::string_view type_name;  // "number", "integer" or "boolean"
  double min = 0.0;
  double max = 0.0;
  bool timeline = false;  // a timeline event may change it
};

// Resolves `path` to a scalar numeric field (number, integer or boolean). On failure
// returns nullopt and, when `error` is given, says why (naming the nearest valid name).
std::optional<LeverInfo> describe_lever(const Spec& spec, std::string_view path,
                                        std::string* error = nullptr);

// Current value of the scalar field at `path` (booleans as 0/1); nullopt if the path does
// not name a scalar numeric field.
std::optional<double> read_lever(const Spec& spec, std::string_view path);

// Applies one event to a working copy: kSet sets the addressed field (which must be a
// timeline lever and the value must fit its type and range), kOpen/kClose set the
// scheme's `open`, kAmnesty only checks that the destination exists (the engine performs
// the regularisation). Returns false and sets `error` when the event does not apply.
bool apply_timeline_event(Spec& working, const TimelineEvent& event, std::string* error = nullptr);

// Every path a timeline `set` may target in this spec, in table order, entities in spec
// order (e.g. for recording the levers in force each month).
std::vector<std::string> timeline_lever_paths(const Spec& spec);

}  // namespace corridor
