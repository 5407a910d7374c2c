// --set PATH=VALUE: overrides applied to the merged tree before it is read, so that they
// are validated exactly like the file. The path must name an existing entity and a key
// of its parameter table; the value is a TOML value (a bare word is taken as text).
#include <fmt/format.h>
#include <algorithm>

#include "input/toml_tree.hpp"
#include "model/params.hpp"

namespace corridor::input {
namespace {

constexpr std::string_view kForms =
    "run.KEY, behaviour.KEY, schemes.NAME.KEY, origins.NAME.KEY, origins.NAME.bands.BAND.KEY, "
    "destinations.NAME.KEY, destinations.NAME.sectors.SECTOR.KEY, corridors.NAME.KEY, "
    "corridors.NAME.channels.CHANNEL.KEY or corridors.NAME.irregular.KEY";

std::string_view trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

bool is_bare_word(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == '+' || c == ':' || c == '/';
  });
}

template <class E>
std::vector<std::string_view> keys_of(const std::vector<Param<E>>& table) {
  std::vector<std::string_view> out;
  for (const auto& p : table) out.push_back(p.key);
  return out;
}

std::vector<std::string_view> keys_of(const toml::table& t) {
  std::vector<std::string_view> out;
  for (auto&& [k, v] : t) out.push_back(k.str());
  return out;
}

// Finds (or, for fixed tables, creates) the table a --set path writes into and checks its
// key; returns nullptr with `error` set when the path is not valid.
class Target {
 public:
  explicit Target(toml::table& root) : root_(root) {}

  toml::table* resolve(const std::vector<std::string>& seg, std::string& error) {
    const size_t n = seg.size();
    static const std::vector<std::string_view> kTops = {"run",          "behaviour", "origins",
                                                        "destinations", "corridors", "schemes"};
    if (n < 2 || std::find(kTops.begin(), kTops.end(), seg[0]) == kTops.end()) {
      error = n >= 2 && seg[0] != "timeline"
                  ? unknown_name("table", seg[0], kTops)
                  : fmt::format("cannot set this path; expected {}", kForms);
      return nullptr;
    }
    const std::string& top = seg[0];
    if (top == "run" || top == "behaviour") {
      if (n != 2) return shape(error);
      toml::table* t = child(root_, top, true, "", error);
      if (t && !key_ok(top == "run" ? keys_of(run_params()) : keys_of(behaviour_params()), seg[1],
                       top, error))
        return nullptr;
      return t;
    }
    if (n < 3) return shape(error);
    toml::table* kind = child(root_, top, false, "", error);
    if (!kind) {
      error = fmt::format("the scenario has no [{}] tables", top);
      return nullptr;
    }
    const std::string singular = top.substr(0, top.size() - 1);
    toml::table* entity = child(*kind, seg[1], false, singular, error);
    if (!entity) return nullptr;
    const std::string at = top + "." + seg[1];
    if (n == 3) {
      std::vector<std::string_view> keys;
      if (top == "origins") keys = keys_of(origin_params());
      if (top == "destinations") keys = keys_of(destination_params());
      if (top == "corridors") keys = keys_of(corridor_params());
      if (top == "schemes") keys = keys_of(scheme_params());
      return key_ok(keys, seg[2], at, error) ? entity : nullptr;
    }
    if (top == "origins" && n == 5 && seg[2] == "bands") {
      const std::vector<std::string_view> bands(kBandNames.begin(), kBandNames.end());
      if (std::find(bands.begin(), bands.end(), seg[3]) == bands.end()) {
        error = unknown_name("band", seg[3], bands);
        return nullptr;
      }
      toml::table* b = child(*entity, "bands", true, "", error);
      b = b ? child(*b, seg[3], true, "", error) : nullptr;
      return b && key_ok(keys_of(band_params()), seg[4], at + ".bands." + seg[3], error) ? b
                                                                                         : nullptr;
    }
    if (top == "destinations" && n == 5 && seg[2] == "sectors") {
      toml::table* s = child(*entity, "sectors", false, "", error);
      s = s ? child(*s, seg[3], false, "sector of " + at, error) : nullptr;
      if (!s && error.empty()) error = fmt::format("{} has no sectors", at);
      return s && key_ok(keys_of(sector_params()), seg[4], at + ".sectors." + seg[3], error)
                 ? s
                 : nullptr;
    }
    if (top == "corridors" && n == 5 && seg[2] == "channels") {
      toml::table* c = child(*entity, "channels", false, "", error);
      c = c ? child(*c, seg[3], false, "channel of " + at, error) : nullptr;
      if (!c && error.empty()) error = fmt::format("{} has no channels", at);
      return c && key_ok(keys_of(channel_params()), seg[4], at + ".channels." + seg[3], error)
                 ? c
                 : nullptr;
    }
    if (top == "corridors" && n == 4 && seg[2] == "irregular") {
      // Creating the table creates the route, so only `exists` may do that.
      toml::table* r = child(*entity, "irregular", seg[3] == "exists", "", error);
      if (!r && error.empty())
        error =
            fmt::format("{} has no irregular route; set {}.irregular.exists=true first", at, at);
      return r && key_ok(keys_of(route_params()), seg[3], at + ".irregular", error) ? r : nullptr;
    }
    return shape(error);
  }

 private:
  toml::table* shape(std::string& error) {
    error = fmt::format("cannot set this path; expected {}", kForms);
    return nullptr;
  }

  // The sub-table `key` of `t`; created when `create`; when missing and `what` is set,
  // reports "unknown WHAT" with a suggestion.
  toml::table* child(toml::table& t, const std::string& key, bool create, const std::string& what,
                     std::string& error) {
    toml::node* n = t.get(key);
    if (!n && create) n = t.insert(key, toml::table{}).first->second.as_table();
    if (!n) {
      if (!what.empty()) error = unknown_name(what, key, keys_of(t));
      return nullptr;
    }
    if (!n->is_table()) {
      error = fmt::format("'{}' is {}, not a table", key, describe_node(*n));
      return nullptr;
    }
    return n->as_table();
  }

  static bool key_ok(const std::vector<std::string_view>& keys, const std::string& key,
                     const std::string& where, std::string& error) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
    error = fmt::format("unknown key '{}' in {}", key, where);
    const std::string near = nearest_name(key, keys);
    if (!near.empty()) error += fmt::format("; did you mean '{}'?", near);
    return false;
  }

  toml::table& root_;
};

}  // namespace

void apply_overrides(toml::table& root, const std::vector<std::string>& args, Sources& src,
                     Reporter& report) {
  src.set_overrides(args);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const Location where{"--set", 0, 0, fmt::format(" (from --set {})", arg)};
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      report.add(where, "", "found no '=', expected PATH=VALUE");
      continue;
    }
    const std::string path(trim(std::string_view(arg).substr(0, eq)));
    const std::string value(trim(std::string_view(arg).substr(eq + 1)));
    toml::table parsed;
    try {
      parsed = toml::parse("v = " + value, Sources::override_source(i));
    } catch (const toml::parse_error& e) {
      if (!is_bare_word(value)) {
        report.add(where, path,
                   fmt::format("cannot read value '{}' ({}); expected a TOML value such as 3, "
                               "0.5, true, \"text\" or [1, 2]",
                               value, e.description()));
        continue;
      }
      parsed = toml::parse("v = \"" + value + "\"", Sources::override_source(i));
    }
    if (parsed.size() != 1 || !parsed.get("v")) {
      report.add(where, path, fmt::format("found '{}', expected a single value", value));
      continue;
    }
    std::string error;
    const auto seg = split(path);
    toml::table* target = Target(root).resolve(seg, error);
    if (!target) {
      report.add(where, path, error);
      continue;
    }
    parsed.get("v")->visit([&](auto& n) { target->insert_or_assign(seg.back(), std::move(n)); });
  }
}

}  // namespace corridor::input
