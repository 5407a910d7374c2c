// Parsing, base files, merging and writing the resolved tree.
#include "input/toml_tree.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "model/params.hpp"

namespace corridor::input {

namespace fs = std::filesystem;

// ---- Locations --------------------------------------------------------------------------

const Location& Locator::at(std::string_view path) const {
  std::string p(path);
  while (true) {
    if (auto it = at_.find(p); it != at_.end()) return it->second;
    if (p.empty()) return none_;
    const size_t cut = p.find_last_of(".[");
    p = cut == std::string::npos ? std::string() : p.substr(0, cut);
  }
}

std::string unknown_name(std::string_view what, std::string_view word,
                         const std::vector<std::string_view>& candidates) {
  std::string text = fmt::format("unknown {} '{}'", what, word);
  const std::string near = nearest_name(word, candidates);
  if (!near.empty()) text += fmt::format("; did you mean '{}'?", near);
  return text;
}

namespace {
constexpr std::string_view kOverridePrefix = "--set#";
}

std::string Sources::override_source(size_t index) {
  return fmt::format("{}{}", kOverridePrefix, index);
}

size_t Sources::rank(const toml::node& n) const {
  const auto& path = n.source().path;
  if (!path) return std::numeric_limits<size_t>::max();
  for (size_t i = 0; i < files_.size(); ++i)
    if (files_[i] == *path) return i;
  if (path->starts_with(kOverridePrefix))
    return files_.size() + std::stoul(path->substr(kOverridePrefix.size()));
  return std::numeric_limits<size_t>::max();
}

Location Sources::locate(const toml::node& n) const {
  const auto& src = n.source();
  if (!src.path) return {};
  if (src.path->starts_with(kOverridePrefix)) {
    const size_t i = std::stoul(src.path->substr(kOverridePrefix.size()));
    return {"--set", 0, 0, i < overrides_.size() ? " (from --set " + overrides_[i] + ")" : ""};
  }
  return {*src.path, src.begin.line, src.begin.column, ""};
}

std::vector<std::pair<std::string, toml::node*>> ordered(toml::table& t, const Sources& src) {
  std::vector<std::pair<std::string, toml::node*>> out;
  for (auto&& [k, v] : t) out.emplace_back(std::string(k.str()), &v);
  auto key = [&](const toml::node* n) {
    const auto& b = n->source().begin;
    return std::tuple(src.rank(*n), b.line, b.column);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const auto& a, const auto& b) { return key(a.second) < key(b.second); });
  return out;
}

// ---- Messages ---------------------------------------------------------------------------

std::string float_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string describe_node(const toml::node& n) {
  if (auto v = n.as_integer()) return fmt::format("{}", v->get());
  if (auto v = n.as_floating_point()) return float_text(v->get());
  if (auto v = n.as_boolean()) return v->get() ? "true" : "false";
  if (auto v = n.as_string()) return fmt::format("'{}'", v->get());
  if (auto v = n.as_array()) return fmt::format("a list of {} values", v->size());
  if (n.is_table()) return "a table";
  return "a date or time";
}

std::string range_expectation(std::string_view noun, double min, double max) {
  const bool lo = min != -kInf, hi = max != kInf;
  if (lo && hi) return fmt::format("{} from {} to {}", noun, min, max);
  if (lo) return fmt::format("{} of at least {}", noun, min);
  if (hi) return fmt::format("{} of at most {}", noun, max);
  return std::string(noun);
}

// ---- Loading and merging ----------------------------------------------------------------

namespace {

// Moves node `v` into `dst` under `key`, keeping its source region (copies lose it).
void move_into(toml::table& dst, std::string_view key, toml::node& v) {
  v.visit([&](auto& n) { dst.insert_or_assign(key, std::move(n)); });
}

void merge(toml::table& dst, toml::table& src, bool root) {
  for (auto&& [k, v] : src) {
    toml::node* d = dst.get(k.str());
    if (d && d->is_table() && v.is_table()) {
      merge(*d->as_table(), *v.as_table(), false);
    } else if (root && k.str() == "timeline" && d && d->is_array() && v.is_array()) {
      for (auto& e : *v.as_array())
        e.visit([&](auto& n) { d->as_array()->push_back(std::move(n)); });
    } else {
      move_into(dst, k.str(), v);
    }
  }
}

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string identity(const std::string& name) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::path(name), ec);
  return ec ? fs::path(name).lexically_normal().string() : p.string();
}

struct Loader {
  Sources& src;
  Reporter& report;
  std::vector<std::pair<std::string, std::string>> stack;  // (identity, name) being loaded

  std::optional<toml::table> load(std::string_view text, const std::string& name) {
    toml::table tree;
    try {
      tree = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
      report.add({name, e.source().begin.line, e.source().begin.column, ""}, "",
                 fmt::format("syntax error: {}", e.description()));
      return std::nullopt;
    }
    toml::node* base = tree.get("base");
    if (!base) {
      src.add_file(name);
      return tree;
    }
    const Location at = {name, base->source().begin.line, base->source().begin.column, ""};
    if (!base->is_string()) {
      report.add(at, "base",
                 fmt::format("found {}, expected the name of a base scenario file (text)",
                             describe_node(*base)));
      return std::nullopt;
    }
    const std::string base_name =
        (fs::path(name).parent_path() / fs::path(base->as_string()->get()))
            .lexically_normal()
            .string();
    const std::string id = identity(base_name);
    for (size_t i = 0; i < stack.size(); ++i) {
      if (stack[i].first != id) continue;
      std::string chain;
      for (size_t j = i; j < stack.size(); ++j) chain += stack[j].second + " -> ";
      report.add(at, "base", fmt::format("base cycle: {}{}", chain, base_name));
      return std::nullopt;
    }
    const auto text_of_base = read_text(base_name);
    if (!text_of_base) {
      report.add(at, "base",
                 fmt::format("cannot read base file '{}' (found from '{}')", base_name,
                             base->as_string()->get()));
      return std::nullopt;
    }
    stack.emplace_back(id, base_name);
    auto merged = load(*text_of_base, base_name);
    stack.pop_back();
    if (!merged) return std::nullopt;
    src.add_file(name);
    tree.erase("base");
    merged->erase("base");
    merge(*merged, tree, true);
    return merged;
  }
};

// ---- Writing ----------------------------------------------------------------------------

bool is_bare_key(std::string_view k) {
  return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string toml_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  return out + "\"";
}

std::string key_text(std::string_view k) {
  return is_bare_key(k) ? std::string(k) : toml_quoted(k);
}

bool is_array_of_tables(const toml::node& n) {
  const auto* a = n.as_array();
  return a && !a->empty() && a->is_array_of_tables();
}

std::string value_text(const toml::node& n, const Sources& src) {
  if (auto v = n.as_string()) return toml_quoted(v->get());
  if (auto v = n.as_integer()) return fmt::format("{}", v->get());
  if (auto v = n.as_floating_point()) return float_text(v->get());
  if (auto v = n.as_boolean()) return v->get() ? "true" : "false";
  if (auto a = n.as_array()) {
    std::string out = "[";
    for (size_t i = 0; i < a->size(); ++i) out += (i ? ", " : "") + value_text(*a->get(i), src);
    return out + "]";
  }
  if (auto t = n.as_table()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : ordered(const_cast<toml::table&>(*t), src)) {
      out += fmt::format("{} {} = {}", first ? "" : ",", key_text(k), value_text(*v, src));
      first = false;
    }
    return out + (first ? "}" : " }");
  }
  std::ostringstream s;
  n.visit([&](const auto& x) { s << x; });
  return s.str();
}

void write_table(std::string& out, const toml::table& t, const std::string& path,
                 const Sources& src, bool header) {
  const auto entries = ordered(const_cast<toml::table&>(t), src);
  const bool has_values = std::any_of(entries.begin(), entries.end(), [](const auto& e) {
    return !e.second->is_table() && !is_array_of_tables(*e.second);
  });
  if (header && (has_values || entries.empty())) out += fmt::format("\n[{}]\n", path);
  for (const auto& [k, v] : entries)
    if (!v->is_table() && !is_array_of_tables(*v))
      out += fmt::format("{} = {}\n", key_text(k), value_text(*v, src));
  for (const auto& [k, v] : entries) {
    const std::string sub = path.empty() ? key_text(k) : path + "." + key_text(k);
    if (v->is_table()) {
      write_table(out, *v->as_table(), sub, src, true);
    } else if (is_array_of_tables(*v)) {
      for (const auto& e : *v->as_array()) {
        out += fmt::format("\n[[{}]]\n", sub);
        write_table(out, *e.as_table(), sub, src, false);
      }
    }
  }
}

}  // namespace

std::optional<toml::table> load_tree(std::string_view text, const std::string& name, Sources& src,
                                     Reporter& report) {
  Loader loader{src, report, {{identity(name), name}}};
  return loader.load(text, name);
}

std::string write_toml(const toml::table& root, const Sources& src) {
  std::string out;
  write_table(out, root, "", src, false);
  if (!out.empty() && out.front() == '\n') out.erase(0, 1);
  return out;
}

}  // namespace corridor::input
