#include "cli/headline.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <fmt/format.h>

namespace corridor::cli {
namespace {

constexpr std::string_view kUnavailable = "—";

// Display width of UTF-8 text: code points, not bytes ("—" is one column, three bytes).
size_t display_width(std::string_view text) {
  size_t width = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  return width;
}

std::string pad_left(std::string_view text, size_t width) {
  size_t w = display_width(text);
  return std::string(w < width ? width - w : 0, ' ') + std::string(text);
}

std::string pad_right(std::string_view text, size_t width) {
  size_t w = display_width(text);
  return std::string(text) + std::string(w < width ? width - w : 0, ' ');
}

const std::vector<std::string>* scheme_axis(const RunResults& results) {
  auto it = results.axes.find("schemes");
  return it == results.axes.end() ? nullptr : &it->second;
}

// Checks that `d` is a [replicate, scheme, sex] array over `schemes` entries; otherwise
// says why in `problem`.
bool well_formed(const Dataset& d, size_t schemes, std::string& problem) {
  if (d.shape.size() != 3) {
    problem = fmt::format("{}: expected 3 dimensions [replicate, scheme, sex], found {}", d.path,
                          d.shape.size());
    return false;
  }
  if (d.data.size() != d.size()) {
    problem = fmt::format("{}: {} values for a shape holding {}", d.path, d.data.size(), d.size());
    return false;
  }
  if (d.shape[1] != schemes) {
    problem =
        fmt::format("{}: {} schemes, but the schemes axis has {}", d.path, d.shape[1], schemes);
    return false;
  }
  if (d.dims.size() == 3 &&
      (d.dims[0] != "replicate" || (d.dims[1] != "schemes" && d.dims[1] != "scheme"))) {
    problem = fmt::format("{}: dims [{}, {}, {}], expected [replicate, schemes, sex]", d.path,
                          d.dims[0], d.dims[1], d.dims[2]);
    return false;
  }
  return true;
}

// Sum over replicates and sexes for scheme `j` of a well-formed dataset.
double pooled_sum(const Dataset& d, size_t j) {
  const size_t schemes = d.shape[1], sexes = d.shape[2];
  double sum = 0.0;
  for (size_t r = 0; r < d.shape[0]; ++r)
    for (size_t s = 0; s < sexes; ++s) sum += d.data[(r * schemes + j) * sexes + s];
  return sum;
}

std::string format_value(const std::optional<double>& v, const HeadlineColumn& column) {
  if (!v) return std::string(kUnavailable);
  const int decimals = !column.ratio && std::abs(*v) >= 100.0 ? 0 : column.decimals;
  double x = *v == 0.0 ? 0.0 : *v;  // no "-0.00"
  std::string text = fmt::format("{:.{}f}", x, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

}  // namespace

const std::vector<HeadlineColumn>& headline_columns() {
  static const std::vector<HeadlineColumn> columns = {
      {"deployments", "deployments", "people", false, 0},
      {"recruitment_cost_months_mean", "recruit cost", "months pay", true, 2},
      {"remittance_cost_pct", "remit cost", "%", true, 2, true},
      {"formal_share", "formal", "share", true, 3},
      {"return_rate", "return", "rate", true, 3},
      {"overstay_rate", "overstay", "rate", true, 3},
      {"skill_gain_mean", "skill", "gain", true, 3},
      {"business_starts", "business", "starts", false, 1},
  };
  return columns;
}

std::vector<std::optional<double>> headline_values(const RunResults& results,
                                                   const HeadlineColumn& column,
                                                   std::string* problem) {
  const auto* axis = scheme_axis(results);
  const size_t n = axis ? axis->size() : 0;
  std::vector<std::optional<double>> values(n);
  std::string why;
  auto done = [&]() {
    if (problem) *problem = why;
    return values;
  };
  const std::string base = "summary/" + std::string(column.name);

  if (!column.ratio) {
    const Dataset* d = results.find(base);
    if (!d || !well_formed(*d, n, why)) return done();
    if (d->shape[0] == 0) return done();
    const double replicates = static_cast<double>(d->shape[0]);
    for (size_t j = 0; j < n; ++j) values[j] = pooled_sum(*d, j) / replicates;
    return done();
  }

  const Dataset* num = results.find(base + "_num");
  const Dataset* den = results.find(base + "_den");
  if (!num || !den) return done();
  if (!well_formed(*num, n, why) || !well_formed(*den, n, why)) return done();
  if (num->shape != den->shape) {
    why = fmt::format("{}_num and {}_den have different shapes", base, base);
    return done();
  }
  // Units of the ratio itself, else of its numerator.
  const Dataset* ratio = results.find(base);
  const std::string& units = ratio ? ratio->units : num->units;
  const double scale = column.percent && (units == "share" || units == "fraction") ? 100.0 : 1.0;
  for (size_t j = 0; j < n; ++j) {
    double d = pooled_sum(*den, j);
    if (d != 0.0) values[j] = scale * pooled_sum(*num, j) / d;
  }
  return done();
}

std::string headline_table(const RunResults& results) {
  const auto* axis = scheme_axis(results);
  if (!axis || axis->empty()) return "(no schemes in the results: no headline table)\n";

  const auto& columns = headline_columns();
  std::vector<std::vector<std::string>> cells(columns.size());
  std::vector<std::string> problems;
  bool any_unavailable = false;
  for (size_t c = 0; c < columns.size(); ++c) {
    std::string problem;
    auto values = headline_values(results, columns[c], &problem);
    if (!problem.empty()) problems.push_back(problem);
    for (const auto& v : values) {
      cells[c].push_back(format_value(v, columns[c]));
      any_unavailable = any_unavailable || !v;
    }
  }

  size_t name_width = display_width("scheme");
  for (const auto& name : *axis) name_width = std::max(name_width, display_width(name));
  std::vector<size_t> widths(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    size_t w = std::max(display_width(columns[c].title), display_width(columns[c].subtitle));
    for (const auto& cell : cells[c]) w = std::max(w, display_width(cell));
    widths[c] = w;
  }

  std::string out;
  auto line = [&](const std::string& first, auto cell_of) {
    std::string text = pad_right(first, name_width);
    for (size_t c = 0; c < columns.size(); ++c) text += "  " + pad_left(cell_of(c), widths[c]);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + '\n';
  };
  line("scheme", [&](size_t c) { return std::string(columns[c].title); });
  line("", [&](size_t c) { return std::string(columns[c].subtitle); });
  size_t total = name_width;
  for (size_t w : widths) total += 2 + w;
  out += std::string(total, '-') + '\n';
  for (size_t j = 0; j < axis->size(); ++j) line((*axis)[j], [&](size_t c) { return cells[c][j]; });

  out +=
      "deployments, business starts: whole window, mean per replicate; other columns pooled "
      "over replicates and sexes.\n";
  if (any_unavailable) out += "— not available (no data, or nobody to average over).\n";
  for (const auto& p : problems) out += "note: " + p + " (shown as —)\n";
  return out;
}

std::string headline_tsv(const RunResults& results, const std::string& label) {
  std::string out = label.empty() ? "" : "scenario\t";
  out += "scheme\tindicator\tvalue\n";
  const auto* axis = scheme_axis(results);
  if (!axis) return out;
  for (const auto& column : headline_columns()) {
    const auto values = headline_values(results, column);
    for (size_t j = 0; j < axis->size(); ++j) {
      if (!label.empty()) out += label + '\t';
      out += fmt::format("{}\t{}\t{}\n", (*axis)[j], column.name,
                         values[j] ? fmt::format("{:.17g}", *values[j]) : std::string("NA"));
    }
  }
  return out;
}

}  // namespace corridor::cli
