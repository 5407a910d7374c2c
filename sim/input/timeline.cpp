// [[timeline]] entries: read, checked against the entities and the parameter table
// (through model/paths.hpp), and stored in Spec::timeline sorted by month.
#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "input/toml_tree.hpp"
#include "model/paths.hpp"

namespace corridor::input {
namespace {

constexpr std::array<std::string_view, 4> kActions = {"set", "open", "close", "amnesty"};
constexpr std::string_view kExactlyOne = "exactly one of 'set', 'open', 'close' or 'amnesty'";

template <class V>
std::vector<std::string_view> names_of(const std::vector<V>& items) {
  std::vector<std::string_view> out;
  for (const auto& x : items) out.push_back(x.name);
  return out;
}

}  // namespace

void read_timeline(toml::table& root, const Sources& src, Spec& spec, Locator& where,
                   Reporter& report) {
  toml::node* tl = root.get("timeline");
  if (!tl) return;
  auto found = [&](const std::string& path, const toml::node& n, const std::string& expected) {
    report.add(src.locate(n), path,
               fmt::format("found {}, expected {}", describe_node(n), expected));
  };
  if (!tl->is_array() || !tl->as_array()->is_array_of_tables())
    return found("timeline", *tl, "a list of tables [[timeline]]");

  const std::string month_expected =
      range_expectation("an integer month", 0, static_cast<double>(spec.run.months - 1));
  std::vector<TimelineEvent> events;
  size_t index = 0;
  for (auto& entry : *tl->as_array()) {
    const std::string prefix = fmt::format("timeline[{}]", index++);
    where.add(prefix, src.locate(entry));
    toml::table& t = *entry.as_table();
    static const std::vector<std::string_view> kKeys = {"month", "set",   "value",
                                                        "open",  "close", "amnesty"};
    for (const auto& [key, node] : ordered(t, src)) {
      where.add(prefix + "." + key, src.locate(*node));
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
        report.add(src.locate(*node), prefix + "." + key, unknown_name("key", key, kKeys));
    }
    TimelineEvent ev;
    ev.line = entry.source().begin.line;
    bool ok = true;

    // month
    if (toml::node* m = t.get("month")) {
      const auto* v = m->as_integer();
      if (!v || v->get() < 0 || v->get() >= spec.run.months) {
        found(prefix + ".month", *m,
              month_expected + " (run.months is " + std::to_string(spec.run.months) + ")");
        ok = false;
      } else {
        ev.month = v->get();
      }
    } else {
      report.at(where, prefix, "missing required key 'month'");
      ok = false;
    }

    // action
    std::vector<std::string_view> given;
    for (const auto a : kActions)
      if (t.contains(a)) given.push_back(a);
    toml::node* value = t.get("value");
    if (given.size() != 1) {
      report.at(where, prefix,
                given.empty() ? fmt::format("found no action, expected {}", kExactlyOne)
                              : fmt::format("found both '{}' and '{}', expected {}", given[0],
                                            given[1], kExactlyOne));
      continue;
    }
    const std::string action(given[0]);
    const std::string apath = prefix + "." + action;
    toml::node& target = *t.get(action);
    if (!target.is_string()) {
      found(apath, target,
            action == "set"       ? "text naming a lever, e.g. 'schemes.NAME.fee_cap_months'"
            : action == "amnesty" ? "text naming a destination"
                                  : "text naming a scheme");
      continue;
    }
    ev.path = target.as_string()->get();
    if (action != "set" && value) {
      report.add(src.locate(*value), prefix + ".value",
                 fmt::format("found 'value' with '{}', expected 'value' only with 'set'", action));
      ok = false;
    }
    if (action == "open" || action == "close") {
      ev.action = action == "open" ? TimelineEvent::Action::kOpen : TimelineEvent::Action::kClose;
      const auto names = names_of(spec.schemes);
      if (std::find(names.begin(), names.end(), ev.path) == names.end()) {
        report.add(src.locate(target), apath, unknown_name("scheme", ev.path, names));
        ok = false;
      }
    } else if (action == "amnesty") {
      ev.action = TimelineEvent::Action::kAmnesty;
      const auto names = names_of(spec.destinations);
      if (std::find(names.begin(), names.end(), ev.path) == names.end()) {
        report.add(src.locate(target), apath, unknown_name("destination", ev.path, names));
        ok = false;
      }
    } else {
      ev.action = TimelineEvent::Action::kSet;
      std::string error;
      const auto info = describe_lever(spec, ev.path, &error);
      if (!info) {
        report.add(src.locate(target), apath, error);
        ok = false;
      } else if (!info->timeline) {
        report.add(src.locate(target), apath,
                   fmt::format("found '{}', expected a lever a timeline may change (timeline = "
                               "yes in docs/SCENARIO_FORMAT.md); '{}' is fixed for the run",
                               ev.path, info->key));
        ok = false;
      }
      if (!value) {
        report.at(where, prefix, "missing required key 'value' (the value 'set' gives)");
        ok = false;
      } else if (info && info->timeline) {
        const std::string vpath = prefix + ".value";
        std::string expected;
        std::optional<double> v;
        if (info->type_name == "boolean") {
          expected = "true or false";
          if (auto b = value->as_boolean()) v = b->get() ? 1.0 : 0.0;
        } else if (info->type_name == "integer") {
          expected = range_expectation("an integer", info->min, info->max);
          if (auto i = value->as_integer()) v = static_cast<double>(i->get());
        } else {
          expected = range_expectation("a number", info->min, info->max);
          if (auto f = value->as_floating_point()) v = f->get();
          if (auto i = value->as_integer()) v = static_cast<double>(i->get());
        }
        if (!v || !(*v >= info->min && *v <= info->max)) {
          found(vpath, *value, expected + " for " + ev.path);
          ok = false;
        } else {
          ev.value = *v;
        }
      }
    }
    if (ok) events.push_back(std::move(ev));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.month < b.month; });
  spec.timeline = std::move(events);
}

}  // namespace corridor::input
