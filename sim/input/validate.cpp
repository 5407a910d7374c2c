#include "input/validate.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "model/params.hpp"

namespace corridor::input {
namespace {

template <class V>
std::vector<std::string_view> names_of(const std::vector<V>& items) {
  std::vector<std::string_view> out;
  for (const auto& x : items) out.push_back(x.name);
  return out;
}

template <class V>
auto find_named(const V& items, std::string_view name) -> decltype(&items[0]) {
  for (const auto& x : items)
    if (x.name == name) return &x;
  return nullptr;
}

std::string yes(bool b) {
  return b ? "true" : "false";
}

void check_counts(const Spec& s, const Locator& w, Reporter& r) {
  auto need = [&](bool empty, const char* kind, const char* example) {
    if (empty)
      r.at(
          w, kind,
          fmt::format("found no {0}, expected at least one [{0}.NAME] table ({1})", kind, example));
  };
  need(s.origins.empty(), "origins", "a country migrants leave");
  need(s.destinations.empty(), "destinations", "a country migrants go to");
  need(s.corridors.empty(), "corridors", "an origin-destination pair");
  need(s.schemes.empty(), "schemes", "a migration scheme on a corridor");
}

void check_origin(const Origin& o, const Locator& w, Reporter& r) {
  const std::string at = "origins." + o.name;
  if (o.age_min_years > o.age_max_years)
    r.at(w, at + ".age_min_years",
         fmt::format("found {}, expected at most age_max_years ({})", o.age_min_years,
                     o.age_max_years));
  double sum = 0.0;
  for (const auto& b : o.bands) sum += b.share;
  if (std::abs(sum - 1.0) > 1e-9)
    r.at(w, at + ".bands",
         fmt::format("found band shares summing to {} (low {}, medium {}, high {}), expected "
                     "shares summing to 1",
                     sum, o.bands[0].share, o.bands[1].share, o.bands[2].share));
  for (size_t i = 0; i < o.strata.size(); ++i) {
    const Stratum& st = o.strata[i];
    const std::string si = fmt::format("{}.strata[{}]", at, i);
    if (st.age_max_years != 0 &&
        (st.age_max_years < o.age_min_years || st.age_max_years > o.age_max_years))
      r.at(w, si + ".age_max_years",
           fmt::format("found {}, expected 0 (the origin's) or an age from {} to {}",
                       st.age_max_years, o.age_min_years, o.age_max_years));
    for (size_t j = 0; j < st.bands.size(); ++j)
      if (std::find(st.bands.begin(), st.bands.begin() + static_cast<ptrdiff_t>(j), st.bands[j]) !=
          st.bands.begin() + static_cast<ptrdiff_t>(j))
        r.at(w, fmt::format("{}.bands[{}]", si, j),
             fmt::format("found '{}' twice, expected each band at most once", st.bands[j]));
  }
}

void check_corridor(const Spec& s, const Corridor& c, const Locator& w, Reporter& r) {
  const std::string at = "corridors." + c.name;
  auto ref = [&](const std::string& key, const std::string& value, const char* what,
                 const std::vector<std::string_view>& names) {
    if (value.empty())
      r.at(w, at + "." + key,
           fmt::format("missing required key '{}' (the name of an {})", key, what));
    else if (std::find(names.begin(), names.end(), value) == names.end())
      r.at(w, at + "." + key, unknown_name(what, value, names));
  };
  ref("origin", c.origin, "origin", names_of(s.origins));
  ref("destination", c.destination, "destination", names_of(s.destinations));
  double sum = 0.0;
  for (const auto& ch : c.channels) sum += ch.initial_share;
  if (sum != 0.0 && std::abs(sum - 1.0) > 1e-9)
    r.at(w, at + ".channels",
         fmt::format("found channel initial_share summing to {}, expected a sum of 1 or all 0",
                     sum));
  const bool has_scheme = std::any_of(s.schemes.begin(), s.schemes.end(),
                                      [&](const Scheme& x) { return x.corridor == c.name; });
  if (has_scheme && c.channels.empty())
    r.at(w, at + ".channels",
         fmt::format("found no remittance channel on a corridor with schemes, expected at "
                     "least one [{}.channels.NAME]",
                     at));
}

void check_scheme(const Spec& s, const Scheme& x, const Locator& w, Reporter& r) {
  const std::string at = "schemes." + x.name;
  const Corridor* c = nullptr;
  if (x.corridor.empty()) {
    r.at(w, at + ".corridor", "missing required key 'corridor' (the name of a corridor)");
  } else if (!(c = find_named(s.corridors, x.corridor))) {
    r.at(w, at + ".corridor", unknown_name("corridor", x.corridor, names_of(s.corridors)));
  }
  if (x.sector.empty()) {
    r.at(w, at + ".sector", "missing required key 'sector' (a sector of the destination)");
  } else if (c) {
    if (const Destination* d = find_named(s.destinations, c->destination)) {
      if (!find_named(d->sectors, x.sector)) {
        std::string m = fmt::format("unknown sector '{}' at destination '{}' (corridor '{}')",
                                    x.sector, d->name, c->name);
        const std::string near = nearest_name(x.sector, names_of(d->sectors));
        if (!near.empty()) m += fmt::format("; did you mean '{}'?", near);
        r.at(w, at + ".sector", m);
      }
    }
  }
  if (x.kind == "seasonal" && x.season_length < 1)
    r.at(w, at + ".season_length",
         fmt::format("found {}, expected a season window from 1 to 12 months for a seasonal "
                     "scheme",
                     x.season_length));
  if (x.kind != "seasonal" && x.season_length != 0)
    r.at(w, at + ".season_length",
         fmt::format("found {}, expected 0 for a {} scheme (only seasonal schemes have a "
                     "season window)",
                     x.season_length, x.kind));
  if (x.kind == "circular" && !x.assured_reentry)
    r.at(w, at + ".assured_reentry",
         fmt::format("found {}, expected true for a circular scheme", yes(x.assured_reentry)));
  if (x.kind == "bilateral" && x.selection != "government")
    r.at(w, at + ".selection",
         fmt::format("found '{}', expected 'government' for a bilateral scheme", x.selection));
  for (size_t j = 0; j < x.bands.size(); ++j)
    if (std::count(x.bands.begin(), x.bands.begin() + static_cast<ptrdiff_t>(j), x.bands[j]))
      r.at(w, fmt::format("{}.bands[{}]", at, j),
           fmt::format("found '{}' twice, expected each band at most once", x.bands[j]));
}

}  // namespace

void validate_spec(const Spec& s, const Locator& w, Reporter& r) {
  if (s.run.burn_in >= s.run.months)
    r.at(w, "run.burn_in",
         fmt::format("found {}, expected fewer months than run.months ({})", s.run.burn_in,
                     s.run.months));
  if (s.behaviour.target_share + s.behaviour.settler_share > 1.0)
    r.at(w, "behaviour.settler_share",
         fmt::format("found target_share {} + settler_share {} = {}, expected a sum of at most 1 "
                     "(the rest are accumulators)",
                     s.behaviour.target_share, s.behaviour.settler_share,
                     s.behaviour.target_share + s.behaviour.settler_share));
  check_counts(s, w, r);
  for (const auto& o : s.origins) check_origin(o, w, r);
  for (const auto& c : s.corridors) check_corridor(s, c, w, r);
  for (const auto& x : s.schemes) check_scheme(s, x, w, r);
}

}  // namespace corridor::input
