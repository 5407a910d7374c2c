// data/parameters.csv and data/evidence.csv must stay in step with the parameter tables
// (sim/model/params.cpp): one row per key of every table, with the table's default, unit and
// range; a status from a fixed list; a citation where the status needs one; and every
// evidence id named by a citation or by a table's source string must be a row of
// data/evidence.csv. data/README.md describes both files.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "model/params.hpp"

namespace corridor {
namespace {

// ---------------------------------------------------------------------------------------
// A small CSV reader (RFC 4180): fields separated by commas, records by LF or CRLF; a field
// may be enclosed in double quotes, inside which commas and line breaks are literal and a
// doubled quote stands for one quote.

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // line of the file where each row starts (the header is line 1)
  std::string error;       // non-empty when the text is not well-formed
};

Csv parse_csv(std::string_view text) {
  Csv csv;
  std::vector<std::vector<std::string>> records;
  std::vector<int> starts;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted (only a separator may follow)
  bool in_record = false;   // something of the current record has been read
  int line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(field);
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    records.push_back(record);
    starts.push_back(record_line);
    record.clear();
    in_record = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_record) {
      in_record = true;
      record_line = line;
    }
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
          was_quoted = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_record();
      ++line;
    } else if (was_quoted) {
      csv.error = "line " + std::to_string(line) + ": text after a closing quote";
      return csv;
    } else if (c == '"') {
      if (!field.empty()) {
        csv.error = "line " + std::to_string(line) + ": quote inside an unquoted field";
        return csv;
      }
      quoted = true;
    } else {
      field += c;
    }
  }
  if (quoted) {
    csv.error = "line " + std::to_string(record_line) + ": quoted field never closed";
    return csv;
  }
  if (in_record) end_record();
  if (records.empty()) {
    csv.error = "empty file";
    return csv;
  }
  csv.header = records.front();
  for (size_t r = 1; r < records.size(); ++r) {
    csv.rows.push_back(records[r]);
    csv.lines.push_back(starts[r]);
  }
  return csv;
}

std::string read_text(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = in.good();
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A CSV file of the repository whose header must be exactly `columns`; every row must have
// that many fields. Failures are reported through `problems`.
struct Table {
  Csv csv;
  std::map<std::string, size_t> column;
  const std::string& at(size_t row, const std::string& name) const {
    return csv.rows[row][column.at(name)];
  }
};

Table load_csv(const std::string& relative, const std::vector<std::string>& columns,
               std::vector<std::string>& problems) {
  Table t;
  bool ok = false;
  const std::string text = read_text(std::string(CORRIDOR_SOURCE_DIR) + "/" + relative, ok);
  if (!ok) {
    problems.push_back(relative + " is missing");
    return t;
  }
  t.csv = parse_csv(text);
  if (!t.csv.error.empty()) {
    problems.push_back(relative + ": " + t.csv.error);
    t.csv.rows.clear();
    return t;
  }
  if (t.csv.header != columns) {
    std::string want, got;
    for (const auto& c : columns) want += (want.empty() ? "" : ",") + c;
    for (const auto& c : t.csv.header) got += (got.empty() ? "" : ",") + c;
    problems.push_back(relative + ": header is '" + got + "', expected '" + want + "'");
    t.csv.rows.clear();
    return t;
  }
  for (size_t i = 0; i < columns.size(); ++i) t.column[columns[i]] = i;
  std::vector<std::vector<std::string>> good;
  std::vector<int> good_lines;
  for (size_t r = 0; r < t.csv.rows.size(); ++r) {
    if (t.csv.rows[r].size() == columns.size()) {
      good.push_back(t.csv.rows[r]);
      good_lines.push_back(t.csv.lines[r]);
    } else {
      problems.push_back(relative + ":" + std::to_string(t.csv.lines[r]) + ": " +
                         std::to_string(t.csv.rows[r].size()) + " fields, expected " +
                         std::to_string(columns.size()));
    }
  }
  t.csv.rows = std::move(good);
  t.csv.lines = std::move(good_lines);
  return t;
}

const std::vector<std::string> kParameterColumns = {"id",  "value",  "unit",     "min",
                                                    "max", "status", "citation", "note"};
const std::vector<std::string> kEvidenceColumns = {"id",   "quantity", "value",    "low", "high",
                                                   "unit", "scope",    "citation", "note"};
const std::set<std::string> kStatuses = {"sourced", "fitted", "assumed", "input"};

// ---------------------------------------------------------------------------------------
// Every key of every parameter table, as data/parameters.csv must show it.

struct Key {
  std::string id;  // <table>.<key>
  std::string value;
  std::string unit;
  double min = 0;
  double max = 0;
  std::string source;
};

template <class E>
void add_keys(std::string_view table, const std::vector<Param<E>>& params, std::vector<Key>& keys) {
  const E defaults{};
  for (const auto& p : params)
    keys.push_back({std::string(table) + "." + std::string(p.key), param_value_text(defaults, p),
                    std::string(p.unit), p.min, p.max, std::string(p.source)});
}

const std::vector<Key>& table_keys() {
  static const std::vector<Key> keys = [] {
    std::vector<Key> k;
    add_keys("run", run_params(), k);
    add_keys("behaviour", behaviour_params(), k);
    add_keys("band", band_params(), k);
    add_keys("stratum", stratum_params(), k);
    add_keys("origin", origin_params(), k);
    add_keys("sector", sector_params(), k);
    add_keys("destination", destination_params(), k);
    add_keys("channel", channel_params(), k);
    add_keys("route", route_params(), k);
    add_keys("corridor", corridor_params(), k);
    add_keys("scheme", scheme_params(), k);
    return k;
  }();
  return keys;
}

// A number as written in the min and max columns: what strtod reads, "inf" and "-inf"
// included, with nothing left over.
bool parse_number(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// Ids that look like evidence ids: a word starting with one of these prefixes.
std::vector<std::string> evidence_like_ids(std::string_view text) {
  static const std::array<std::string_view, 12> prefixes = {
      "seed_", "rpw_", "knomad_", "lit_",   "sdg_",        "sawp_",
      "mmp_",  "ilo_", "cpi_",    "qatar_", "bangladesh_", "pakistan_"};
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  std::vector<std::string> ids;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && word_char(text[i - 1])) continue;
    for (auto prefix : prefixes) {
      if (text.substr(i, prefix.size()) != prefix) continue;
      size_t j = i + prefix.size();
      while (j < text.size() && word_char(text[j])) ++j;
      ids.emplace_back(text.substr(i, j - i));
      i = j - 1;
      break;
    }
  }
  return ids;
}

std::string join(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += "\n  " + p;
  return out;
}

// ---------------------------------------------------------------------------------------

TEST(ParametersData, CsvReaderHandlesQuotes) {
  const Csv csv = parse_csv(
      "id,value,note\r\n"
      "a,\"[1000, 1300, 1800]\",plain\n"
      "b,\"\"\"agency\"\"\",\"two\nlines, \"\"quoted\"\"\"\n"
      "c,,\n");
  ASSERT_EQ(csv.error, "");
  ASSERT_EQ(csv.header, (std::vector<std::string>{"id", "value", "note"}));
  ASSERT_EQ(csv.rows.size(), 3u);
  EXPECT_EQ(csv.rows[0], (std::vector<std::string>{"a", "[1000, 1300, 1800]", "plain"}));
  EXPECT_EQ(csv.rows[1], (std::vector<std::string>{"b", "\"agency\"", "two\nlines, \"quoted\""}));
  EXPECT_EQ(csv.rows[2], (std::vector<std::string>{"c", "", ""}));
  EXPECT_EQ(csv.lines, (std::vector<int>{2, 3, 5}));
  EXPECT_NE(parse_csv("a,b\n\"open,c\n").error, "");
  EXPECT_NE(parse_csv("a,b\n\"x\"y,c\n").error, "");
  EXPECT_NE(parse_csv("a,b\nx\"y,c\n").error, "");
  EXPECT_EQ(evidence_like_ids("seed_fee_cap_ph; lit_x (evidence rpw_a_2023q3), xseed_no"),
            (std::vector<std::string>{"seed_fee_cap_ph", "lit_x", "rpw_a_2023q3"}));
}

TEST(ParametersData, EveryTableKeyHasARowAndEveryRowATableKey) {
  std::vector<std::string> problems;
  const Table t = load_csv("data/parameters.csv", kParameterColumns, problems);
  ASSERT_TRUE(problems.empty()) << join(problems);
  std::map<std::string, int> rows;  // id -> line
  for (size_t r = 0; r < t.csv.rows.size(); ++r) {
    const std::string& id = t.at(r, "id");
    const int line = t.csv.lines[r];
    if (!rows.emplace(id, line).second)
      problems.push_back("data/parameters.csv:" + std::to_string(line) + ": " + id +
                         " repeats the row of line " + std::to_string(rows[id]));
  }
  std::set<std::string> keys;
  for (const auto& k : table_keys()) {
    keys.insert(k.id);
    if (!rows.count(k.id))
      problems.push_back(k.id + ": key of the parameter table has no row in data/parameters.csv");
  }
  for (const auto& [id, line] : rows)
    if (!keys.count(id))
      problems.push_back("data/parameters.csv:" + std::to_string(line) + ": " + id +
                         " is not a key of any parameter table (sim/model/params.cpp)");
  EXPECT_TRUE(problems.empty()) << join(problems);
}

TEST(ParametersData, ValuesUnitsAndRangesMatchTheTables) {
  std::vector<std::string> problems;
  const Table t = load_csv("data/parameters.csv", kParameterColumns, problems);
  ASSERT_TRUE(problems.empty()) << join(problems);
  std::map<std::string, const Key*> keys;
  for (const auto& k : table_keys()) keys[k.id] = &k;
  for (size_t r = 0; r < t.csv.rows.size(); ++r) {
    const auto it = keys.find(t.at(r, "id"));
    if (it == keys.end()) continue;  // reported by EveryTableKeyHasARowAndEveryRowATableKey
    const Key& k = *it->second;
    const std::string where =
        "data/parameters.csv:" + std::to_string(t.csv.lines[r]) + ": " + k.id + ": ";
    if (t.at(r, "value") != k.value)
      problems.push_back(where + "value '" + t.at(r, "value") + "', the default is '" + k.value +
                         "'");
    if (t.at(r, "unit") != k.unit)
      problems.push_back(where + "unit '" + t.at(r, "unit") + "', the table says '" + k.unit + "'");
    for (const auto& [column, expected] : {std::pair{"min", k.min}, std::pair{"max", k.max}}) {
      double x = NAN;
      if (!parse_number(t.at(r, column), x))
        problems.push_back(where + column + " '" + t.at(r, column) + "' is not a number");
      else if (x != expected)
        problems.push_back(where + column + " " + t.at(r, column) + ", the table says " +
                           fmt::format("{}", expected));
    }
  }
  EXPECT_TRUE(problems.empty()) << join(problems);
}

TEST(ParametersData, StatusesAndCitations) {
  std::vector<std::string> problems;
  const Table t = load_csv("data/parameters.csv", kParameterColumns, problems);
  ASSERT_TRUE(problems.empty()) << join(problems);
  for (size_t r = 0; r < t.csv.rows.size(); ++r) {
    const std::string where =
        "data/parameters.csv:" + std::to_string(t.csv.lines[r]) + ": " + t.at(r, "id") + ": ";
    const std::string& status = t.at(r, "status");
    if (!kStatuses.count(status))
      problems.push_back(where + "status '" + status +
                         "' is not one of sourced, fitted, assumed, input");
    if ((status == "sourced" || status == "fitted") && t.at(r, "citation").empty())
      problems.push_back(where + status + " without a citation");
  }
  EXPECT_TRUE(problems.empty()) << join(problems);
}

TEST(ParametersData, EvidenceRowsHaveIdsAndCitations) {
  std::vector<std::string> problems;
  const Table e = load_csv("data/evidence.csv", kEvidenceColumns, problems);
  ASSERT_TRUE(problems.empty()) << join(problems);
  EXPECT_FALSE(e.csv.rows.empty()) << "data/evidence.csv has no rows";
  std::map<std::string, int> ids;
  for (size_t r = 0; r < e.csv.rows.size(); ++r) {
    const std::string& id = e.at(r, "id");
    const int line = e.csv.lines[r];
    const std::string where = "data/evidence.csv:" + std::to_string(line) + ": ";
    if (id.empty()) problems.push_back(where + "row without an id");
    if (e.at(r, "citation").empty()) problems.push_back(where + id + ": no citation");
    if (!id.empty() && !ids.emplace(id, line).second)
      problems.push_back(where + id + " repeats the id of line " + std::to_string(ids[id]));
  }
  EXPECT_TRUE(problems.empty()) << join(problems);
}

TEST(ParametersData, EvidenceIdsNamedAnywhereAreRowsOfEvidence) {
  std::vector<std::string> problems;
  const Table e = load_csv("data/evidence.csv", kEvidenceColumns, problems);
  const Table t = load_csv("data/parameters.csv", kParameterColumns, problems);
  ASSERT_TRUE(problems.empty()) << join(problems);
  std::set<std::string> evidence;
  for (size_t r = 0; r < e.csv.rows.size(); ++r) evidence.insert(e.at(r, "id"));
  for (size_t r = 0; r < t.csv.rows.size(); ++r)
    for (const auto& id : evidence_like_ids(t.at(r, "citation")))
      if (!evidence.count(id))
        problems.push_back("data/parameters.csv:" + std::to_string(t.csv.lines[r]) + ": " +
                           t.at(r, "id") + ": citation names " + id +
                           ", which is not an id of data/evidence.csv");
  for (const auto& k : table_keys())
    for (const auto& id : evidence_like_ids(k.source))
      if (!evidence.count(id))
        problems.push_back(k.id + ": the table's source '" + k.source + "' names " + id +
                           ", which is not an id of data/evidence.csv");
  EXPECT_TRUE(problems.empty()) << join(problems);
}

}  // namespace
}  // namespace corridor
