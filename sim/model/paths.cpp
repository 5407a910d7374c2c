#include "model/paths.hpp"

#include <fmt/format.h>
#include <cmath>
#include <variant>

#include "model/params.hpp"

namespace corridor {
namespace {

// An entity and its parameter table.
template <class E>
struct Ref {
  const E* entity;
  const std::vector<Param<E>>* table;
};
using AnyRef =
    std::variant<Ref<RunSettings>, Ref<Behaviour>, Ref<Origin>, Ref<Band>, Ref<Destination>,
                 Ref<Sector>, Ref<Corridor>, Ref<Channel>, Ref<IrregularRoute>, Ref<Scheme>>;

constexpr std::string_view kPathForms =
    "run.KEY, behaviour.KEY, schemes.NAME.KEY, origins.NAME.KEY, origins.NAME.bands.BAND.KEY, "
    "destinations.NAME.KEY, destinations.NAME.sectors.SECTOR.KEY, corridors.NAME.KEY, "
    "corridors.NAME.channels.CHANNEL.KEY or corridors.NAME.irregular.KEY";

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

void fail(std::string* error, std::string text) {
  if (error) *error = std::move(text);
}

std::string unknown_text(std::string_view what, std::string_view word,
                         const std::vector<std::string_view>& candidates) {
  std::string text = fmt::format("unknown {} '{}'", what, word);
  const std::string near = nearest_name(word, candidates);
  if (!near.empty()) text += fmt::format("; did you mean '{}'?", near);
  return text;
}

template <class V>
auto find_named(const V& items, std::string_view name, std::string_view what, std::string* error)
    -> decltype(&items[0]) {
  std::vector<std::string_view> names;
  for (const auto& x : items) {
    if (x.name == name) return &x;
    names.push_back(x.name);
  }
  fail(error, unknown_text(what, name, names));
  return nullptr;
}

// Resolves every segment but the last to an entity; returns it and the key.
std::optional<std::pair<AnyRef, std::string_view>> resolve_entity(const Spec& s,
                                                                  std::string_view path,
                                                                  std::string* error) {
  const auto seg = split(path);
  const size_t n = seg.size();
  auto shape_error = [&] {
    fail(error, fmt::format("'{}' is not a lever path; expected {}", path, kPathForms));
    return std::nullopt;
  };
  if (n < 2) return shape_error();
  const std::string_view kind = seg[0];
  if (kind == "run" && n == 2) return std::pair{AnyRef{Ref{&s.run, &run_params()}}, seg[1]};
  if (kind == "behaviour" && n == 2)
    return std::pair{AnyRef{Ref{&s.behaviour, &behaviour_params()}}, seg[1]};
  if (n < 3) return shape_error();
  if (kind == "schemes" && n == 3) {
    const Scheme* x = find_named(s.schemes, seg[1], "scheme", error);
    if (!x) return std::nullopt;
    return std::pair{AnyRef{Ref{x, &scheme_params()}}, seg[2]};
  }
  if (kind == "origins" && (n == 3 || (n == 5 && seg[2] == "bands"))) {
    const Origin* x = find_named(s.origins, seg[1], "origin", error);
    if (!x) return std::nullopt;
    if (n == 3) return std::pair{AnyRef{Ref{x, &origin_params()}}, seg[2]};
    for (size_t b = 0; b < kBands; ++b)
      if (seg[3] == kBandNames[b])
        return std::pair{AnyRef{Ref{&x->bands[b], &band_params()}}, seg[4]};
    fail(error, unknown_text("band", seg[3], {kBandNames.begin(), kBandNames.end()}));
    return std::nullopt;
  }
  if (kind == "destinations" && (n == 3 || (n == 5 && seg[2] == "sectors"))) {
    const Destination* x = find_named(s.destinations, seg[1], "destination", error);
    if (!x) return std::nullopt;
    if (n == 3) return std::pair{AnyRef{Ref{x, &destination_params()}}, seg[2]};
    const Sector* sec =
        find_named(x->sectors, seg[3], fmt::format("sector of destination '{}'", x->name), error);
    if (!sec) return std::nullopt;
    return std::pair{AnyRef{Ref{sec, &sector_params()}}, seg[4]};
  }
  if (kind == "corridors" &&
      (n == 3 || (n == 5 && seg[2] == "channels") || (n == 4 && seg[2] == "irregular"))) {
    const Corridor* x = find_named(s.corridors, seg[1], "corridor", error);
    if (!x) return std::nullopt;
    if (n == 3) return std::pair{AnyRef{Ref{x, &corridor_params()}}, seg[2]};
    if (n == 4) return std::pair{AnyRef{Ref{&x->irregular, &route_params()}}, seg[3]};
    const Channel* ch =
        find_named(x->channels, seg[3], fmt::format("channel of corridor '{}'", x->name), error);
    if (!ch) return std::nullopt;
    return std::pair{AnyRef{Ref{ch, &channel_params()}}, seg[4]};
  }
  return shape_error();
}

// Calls f(entity, param) for the scalar numeric field at `path`.
template <class F>
bool with_field(const Spec& s, std::string_view path, std::string* error, F&& f) {
  const auto resolved = resolve_entity(s, path, error);
  if (!resolved) return false;
  const std::string_view key = resolved->second;
  return std::visit(
      [&](auto ref) -> bool {
        const auto* p = find_param(*ref.table, key);
        if (!p) {
          std::vector<std::string_view> keys;
          for (const auto& q : *ref.table) keys.push_back(q.key);
          fail(error, unknown_text("key", key, keys) + fmt::format(" (in '{}')", path));
          return false;
        }
        if (p->member.index() > 2) {
          fail(error, fmt::format("'{}' is {}, not a number, integer or boolean", path,
                                  param_type_name(*p)));
          return false;
        }
        return f(*ref.entity, *p);
      },
      resolved->first);
}

template <class E>
void append_paths(std::vector<std::string>& out, const std::string& prefix,
                  const std::vector<Param<E>>& table) {
  for (const auto& p : table)
    if (p.timeline) out.push_back(fmt::format("{}.{}", prefix, p.key));
}

}  // namespace

std::optional<LeverInfo> describe_lever(const Spec& spec, std::string_view path,
                                        std::string* error) {
  std::optional<LeverInfo> info;
  with_field(spec, path, error, [&](const auto&, const auto& p) {
    info = LeverInfo{p.key, param_type_name(p), p.min, p.max, p.timeline};
    return true;
  });
  return info;
}

std::optional<double> read_lever(const Spec& spec, std::string_view path) {
  std::optional<double> value;
  with_field(spec, path, nullptr, [&](const auto& e, const auto& p) {
    value = param_number(e, p);
    return true;
  });
  return value;
}

bool apply_timeline_event(Spec& working, const TimelineEvent& event, std::string* error) {
  using A = TimelineEvent::Action;
  switch (event.action) {
    case A::kSet:
      return with_field(working, event.path, error, [&](const auto& e, const auto& p) {
        if (!p.timeline) {
          fail(error, fmt::format("'{}' is not a timeline lever", event.path));
          return false;
        }
        if (!(event.value >= p.min && event.value <= p.max)) {
          fail(error, fmt::format("value {} of '{}' is outside {} to {}", event.value, event.path,
                                  p.min, p.max));
          return false;
        }
        // The entity belongs to `working`, which is not const.
        using E = std::decay_t<decltype(e)>;
        if (!set_param_number(const_cast<E&>(e), p, event.value)) {
          fail(error, fmt::format("value {} does not fit '{}', a {} field", event.value, event.path,
                                  param_type_name(p)));
          return false;
        }
        return true;
      });
    case A::kOpen:
    case A::kClose: {
      const Scheme* s = find_named(working.schemes, event.path, "scheme", error);
      if (!s) return false;
      const_cast<Scheme*>(s)->open = event.action == A::kOpen;
      return true;
    }
    case A::kAmnesty:
      return find_named(working.destinations, event.path, "destination", error) != nullptr;
  }
  return false;
}

std::vector<std::string> timeline_lever_paths(const Spec& spec) {
  std::vector<std::string> out;
  append_paths(out, "run", run_params());
  append_paths(out, "behaviour", behaviour_params());
  for (const auto& o : spec.origins) {
    append_paths(out, "origins." + o.name, origin_params());
    for (size_t b = 0; b < kBands; ++b)
      append_paths(out, fmt::format("origins.{}.bands.{}", o.name, kBandNames[b]), band_params());
  }
  for (const auto& d : spec.destinations) {
    append_paths(out, "destinations." + d.name, destination_params());
    for (const auto& s : d.sectors)
      append_paths(out, fmt::format("destinations.{}.sectors.{}", d.name, s.name), sector_params());
  }
  for (const auto& c : spec.corridors) {
    append_paths(out, "corridors." + c.name, corridor_params());
    for (const auto& ch : c.channels)
      append_paths(out, fmt::format("corridors.{}.channels.{}", c.name, ch.name), channel_params());
    append_paths(out, fmt::format("corridors.{}.irregular", c.name), route_params());
  }
  for (const auto& s : spec.schemes) append_paths(out, "schemes." + s.name, scheme_params());
  return out;
}

}  // namespace corridor
