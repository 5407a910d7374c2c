#include "input/scenario_loader.hpp"

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "input/toml_tree.hpp"
#include "input/validate.hpp"

namespace corridor {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) out += fmt::format(":{}:{}", d.line, d.column);
  out += ": ";
  if (!d.key.empty()) out += d.key + ": ";
  return out + d.message;
}

LoadResult load_scenario_text(std::string_view text, const std::string& display_name,
                              const std::vector<std::string>& overrides) {
  using namespace input;
  LoadResult result;
  Reporter report(result.diagnostics);
  Sources sources;
  auto tree = load_tree(text, display_name, sources, report);
  if (!tree) return result;
  apply_overrides(*tree, overrides, sources, report);

  Spec spec;
  Locator where;
  where.add("", {display_name, 1, 1, ""});
  read_spec(*tree, sources, spec, where, report);
  read_timeline(*tree, sources, spec, where, report);
  validate_spec(spec, where, report);
  if (!result.diagnostics.empty()) return result;

  spec.source_file = display_name;
  // The base this file names (its baseline, for `corridor compare`); the tree above has
  // parsed the same text, so this cannot fail.
  try {
    const toml::table top = toml::parse(text, display_name);
    if (const auto* b = top.get_as<std::string>("base"))
      spec.base_file = (std::filesystem::path(display_name).parent_path() / b->get())
                           .lexically_normal()
                           .string();
  } catch (const toml::parse_error&) {
  }
  spec.resolved_text = write_toml(*tree, sources);
  result.spec = std::move(spec);
  return result;
}

LoadResult load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.diagnostics.push_back(
        {path, 0, 0, "", fmt::format("cannot read the scenario file: {}", std::strerror(errno))});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path, overrides);
}

}  // namespace corridor
