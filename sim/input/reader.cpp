// Reading the merged tree into a Spec. Every key goes through the parameter table of its
// entity kind (type, range, choices, list length); unknown keys get the nearest valid
// name; every problem is reported, reading goes on after each.
#include <fmt/format.h>
#include <algorithm>

#include "input/toml_tree.hpp"
#include "model/params.hpp"

namespace corridor::input {
namespace {

struct Ctx {
  const Sources& src;
  Locator& where;
  Reporter& report;

  void bad(const std::string& path, const toml::node& n, std::string message) {
    report.add(src.locate(n), path, std::move(message));
  }
  void found(const std::string& path, const toml::node& n, const std::string& expected) {
    bad(path, n, fmt::format("found {}, expected {}", describe_node(n), expected));
  }
  void record(const std::string& path, const toml::node& n) { where.add(path, src.locate(n)); }
};

std::string choices_text(const std::vector<std::string_view>& choices) {
  std::string out = "one of ";
  for (size_t i = 0; i < choices.size(); ++i)
    out += fmt::format("{}'{}'", i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ", choices[i]);
  return out;
}

template <class E>
std::string expectation(const Param<E>& p) {
  switch (p.member.index()) {
    case 0:
      return range_expectation("a number", p.min, p.max);
    case 1:
      return range_expectation("an integer", p.min, p.max);
    case 2:
      return "true or false";
    case 3:
      return p.choices.empty() ? "text" : choices_text(p.choices);
    case 4: {
      const std::string n = p.list_length ? fmt::format("{} ", p.list_length) : "";
      return range_expectation(fmt::format("a list of {}numbers", n), p.min, p.max);
    }
    default:
      return p.choices.empty() ? "a list of text"
                               : "a list of text, each " + choices_text(p.choices);
  }
}

std::optional<double> number_of(const toml::node& n) {
  if (auto v = n.as_floating_point()) return v->get();
  if (auto v = n.as_integer()) return static_cast<double>(v->get());
  return std::nullopt;
}

bool in_range(double v, double lo, double hi) {
  return v >= lo && v <= hi;
}

bool choice_ok(const std::vector<std::string_view>& choices, const std::string& s) {
  return choices.empty() || std::find(choices.begin(), choices.end(), s) != choices.end();
}

std::string choice_error(const toml::node& n, const std::vector<std::string_view>& choices,
                         const std::string& s) {
  std::string m = fmt::format("found {}, expected {}", describe_node(n), choices_text(choices));
  const std::string near = nearest_name(s, choices);
  if (!near.empty()) m += fmt::format("; did you mean '{}'?", near);
  return m;
}

// Reads one field; on any problem reports it and leaves the default.
template <class E>
void read_field(Ctx& c, const toml::node& n, E& e, const Param<E>& p, const std::string& path) {
  const std::string expected = expectation(p);
  std::visit(
      [&](auto mp) {
        auto& field = e.*mp;
        using V = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<V, double>) {
          const auto v = number_of(n);
          if (!v || !in_range(*v, p.min, p.max)) return c.found(path, n, expected);
          field = *v;
        } else if constexpr (std::is_same_v<V, int64_t>) {
          const auto* v = n.as_integer();
          if (!v || !in_range(static_cast<double>(v->get()), p.min, p.max))
            return c.found(path, n, expected);
          field = v->get();
        } else if constexpr (std::is_same_v<V, bool>) {
          if (!n.is_boolean()) return c.found(path, n, expected);
          field = n.as_boolean()->get();
        } else if constexpr (std::is_same_v<V, std::string>) {
          if (!n.is_string()) return c.found(path, n, expected);
          const std::string s = n.as_string()->get();
          if (!choice_ok(p.choices, s)) return c.bad(path, n, choice_error(n, p.choices, s));
          field = s;
        } else {
          const auto* a = n.as_array();
          if (!a) return c.found(path, n, expected);
          if (p.list_length && a->size() != static_cast<size_t>(p.list_length))
            return c.found(path, n, expected);
          V out;
          bool ok = true;
          for (size_t i = 0; i < a->size(); ++i) {
            const toml::node& x = *a->get(i);
            const std::string at = fmt::format("{}[{}]", path, i);
            if constexpr (std::is_same_v<V, std::vector<double>>) {
              const auto v = number_of(x);
              if (!v || !in_range(*v, p.min, p.max)) {
                c.found(at, x, range_expectation("a number", p.min, p.max));
                ok = false;
              } else {
                out.push_back(*v);
              }
            } else {
              if (!x.is_string()) {
                c.found(at, x, p.choices.empty() ? "text" : choices_text(p.choices));
                ok = false;
              } else if (!choice_ok(p.choices, x.as_string()->get())) {
                c.bad(at, x, choice_error(x, p.choices, x.as_string()->get()));
                ok = false;
              } else {
                out.push_back(x.as_string()->get());
              }
            }
          }
          if (ok) field = std::move(out);
        }
      },
      p.member);
}

// Reads the keys of `t` into `e`; keys in `sub` (sub-tables) are left to the caller.
template <class E>
void read_fields(Ctx& c, toml::table& t, E& e, const std::vector<Param<E>>& params,
                 const std::string& prefix, const std::vector<std::string_view>& sub = {}) {
  for (const auto& [key, node] : ordered(t, c.src)) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    c.record(path, *node);
    if (std::find(sub.begin(), sub.end(), key) != sub.end()) continue;
    if (const auto* p = find_param(params, key)) {
      read_field(c, *node, e, *p, path);
    } else {
      std::vector<std::string_view> names = sub;
      for (const auto& q : params) names.push_back(q.key);
      c.bad(path, *node, unknown_name("key", key, names));
    }
  }
}

bool valid_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-';
  });
}

// Calls f(name, table, path) for each named table under t[key], in written order.
template <class F>
void each_named(Ctx& c, toml::table& t, const std::string& key, const std::string& path,
                std::string_view what, F&& f) {
  toml::node* n = t.get(key);
  if (!n) return;
  c.record(path, *n);
  if (!n->is_table()) return c.found(path, *n, fmt::format("a table of {}s", what));
  for (const auto& [name, node] : ordered(*n->as_table(), c.src)) {
    const std::string at = path + "." + name;
    c.record(at, *node);
    if (!valid_name(name)) {
      c.bad(at, *node,
            fmt::format("found the name '{}', expected a name of letters, digits, '_' and '-'",
                        name));
      continue;
    }
    if (!node->is_table()) {
      c.found(at, *node, fmt::format("a table [{}]", at));
      continue;
    }
    f(name, *node->as_table(), at);
  }
}

void read_origin(Ctx& c, Origin& o, toml::table& t, const std::string& path) {
  read_fields(c, t, o, origin_params(), path, {"bands", "strata"});
  if (toml::node* b = t.get("bands")) {
    if (!b->is_table()) {
      c.found(path + ".bands", *b, "a table of bands (low, medium, high)");
    } else {
      const std::vector<std::string_view> names(kBandNames.begin(), kBandNames.end());
      for (const auto& [name, node] : ordered(*b->as_table(), c.src)) {
        const std::string at = path + ".bands." + name;
        c.record(at, *node);
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
          c.bad(at, *node, unknown_name("band", name, names));
        } else if (!node->is_table()) {
          c.found(at, *node, fmt::format("a table [{}]", at));
        } else {
          read_fields(c, *node->as_table(), o.bands[static_cast<size_t>(it - names.begin())],
                      band_params(), at);
        }
      }
    }
  }
  if (toml::node* s = t.get("strata")) {
    const std::string at = path + ".strata";
    if (!s->is_array() || !s->as_array()->is_array_of_tables()) {
      c.found(at, *s, fmt::format("a list of tables [[{}]]", at));
      return;
    }
    size_t i = 0;
    for (auto& node : *s->as_array()) {
      const std::string ai = fmt::format("{}[{}]", at, i++);
      c.record(ai, node);
      Stratum st;
      read_fields(c, *node.as_table(), st, stratum_params(), ai);
      o.strata.push_back(std::move(st));
    }
  }
}

void read_destination(Ctx& c, Destination& d, toml::table& t, const std::string& path) {
  read_fields(c, t, d, destination_params(), path, {"sectors"});
  each_named(c, t, "sectors", path + ".sectors", "sector",
             [&](const std::string& name, toml::table& st, const std::string& at) {
               Sector s;
               s.name = name;
               read_fields(c, st, s, sector_params(), at);
               d.sectors.push_back(std::move(s));
             });
}

void read_corridor(Ctx& c, Corridor& k, toml::table& t, const std::string& path) {
  read_fields(c, t, k, corridor_params(), path, {"channels", "irregular"});
  each_named(c, t, "channels", path + ".channels", "channel",
             [&](const std::string& name, toml::table& ct, const std::string& at) {
               Channel ch;
               ch.name = name;
               read_fields(c, ct, ch, channel_params(), at);
               k.channels.push_back(std::move(ch));
             });
  if (toml::node* r = t.get("irregular")) {
    const std::string at = path + ".irregular";
    if (!r->is_table()) return c.found(at, *r, fmt::format("a table [{}]", at));
    k.irregular.exists = true;  // the table's presence opens the route unless it says not
    read_fields(c, *r->as_table(), k.irregular, route_params(), at);
  }
}

template <class E, class F>
void read_entities(Ctx& c, toml::table& root, const std::string& kind, std::string_view what,
                   std::vector<E>& out, F&& read_one) {
  each_named(c, root, kind, kind, what,
             [&](const std::string& name, toml::table& t, const std::string& at) {
               E e{};
               e.name = name;
               read_one(c, e, t, at);
               out.push_back(std::move(e));
             });
}

}  // namespace

void read_spec(toml::table& root, const Sources& src, Spec& spec, Locator& where,
               Reporter& report) {
  Ctx c{src, where, report};
  static const std::vector<std::string_view> kTop = {
      "run", "behaviour", "origins", "destinations", "corridors", "schemes", "timeline", "base"};
  for (const auto& [key, node] : ordered(root, src)) {
    c.record(key, *node);
    if (std::find(kTop.begin(), kTop.end(), key) == kTop.end())
      c.bad(key, *node, unknown_name("table", key, kTop));
  }
  auto fixed = [&](const std::string& key, auto& entity, const auto& params) {
    toml::node* n = root.get(key);
    if (!n) return;
    if (!n->is_table()) return c.found(key, *n, fmt::format("a table [{}]", key));
    read_fields(c, *n->as_table(), entity, params, key);
  };
  fixed("run", spec.run, run_params());
  fixed("behaviour", spec.behaviour, behaviour_params());
  read_entities(c, root, "origins", "origin", spec.origins, read_origin);
  read_entities(c, root, "destinations", "destination", spec.destinations, read_destination);
  read_entities(c, root, "corridors", "corridor", spec.corridors, read_corridor);
  read_entities(c, root, "schemes", "scheme", spec.schemes,
                [](Ctx& cc, Scheme& s, toml::table& t, const std::string& at) {
                  read_fields(cc, t, s, scheme_params(), at);
                });
}

}  // namespace corridor::input
