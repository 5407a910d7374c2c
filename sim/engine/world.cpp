#include "engine/world.hpp"

#include <map>
#include <stdexcept>

namespace corridor {

World build_world(const Spec& spec) {
  World w;
  w.n_origins = static_cast<int>(spec.origins.size());
  w.n_destinations = static_cast<int>(spec.destinations.size());
  w.n_corridors = static_cast<int>(spec.corridors.size());
  w.n_schemes = static_cast<int>(spec.schemes.size());

  std::map<std::string, WorldGraph::vertex_descriptor> vertex;
  auto country = [&](const std::string& name) {
    auto it = vertex.find(name);
    if (it != vertex.end()) return it->second;
    auto v = boost::add_vertex(CountryVertex{name, -1, -1}, w.graph);
    vertex.emplace(name, v);
    return v;
  };
  for (int o = 0; o < w.n_origins; ++o) w.graph[country(spec.origins[o].name)].origin = o;
  for (int d = 0; d < w.n_destinations; ++d)
    w.graph[country(spec.destinations[d].name)].destination = d;

  // Sectors get global indices in destination order.
  w.destination_sectors.resize(w.n_destinations);
  for (int d = 0; d < w.n_destinations; ++d) {
    for (size_t k = 0; k < spec.destinations[d].sectors.size(); ++k) {
      w.destination_sectors[d].push_back(w.n_sectors++);
      w.sector_destination.push_back(d);
      w.sector_local.push_back(static_cast<int>(k));
      w.sector_names.push_back(spec.destinations[d].name + "/" +
                               spec.destinations[d].sectors[k].name);
    }
  }

  auto find_index = [](const auto& items, const std::string& name, const char* what) {
    for (size_t i = 0; i < items.size(); ++i)
      if (items[i].name == name) return static_cast<int>(i);
    throw std::runtime_error(std::string("unknown ") + what + " '" + name + "'");
  };

  w.origin_corridors.resize(w.n_origins);
  w.corridor_schemes.resize(w.n_corridors);
  for (int c = 0; c < w.n_corridors; ++c) {
    const auto& cor = spec.corridors[c];
    const int o = find_index(spec.origins, cor.origin, "origin");
    const int d = find_index(spec.destinations, cor.destination, "destination");
    w.corridor_origin.push_back(o);
    w.corridor_destination.push_back(d);
    w.origin_corridors[o].push_back(c);
    boost::add_edge(vertex.at(cor.origin), vertex.at(cor.destination), CorridorEdge{c}, w.graph);
  }
  w.sector_schemes.resize(w.n_sectors);
  for (int s = 0; s < w.n_schemes; ++s) {
    const auto& sch = spec.schemes[s];
    const int c = find_index(spec.corridors, sch.corridor, "corridor");
    const int d = w.corridor_destination[c];
    const int k = find_index(spec.destinations[d].sectors, sch.sector, "sector");
    const int g = w.destination_sectors[d][k];
    w.scheme_corridor.push_back(c);
    w.scheme_sector.push_back(g);
    w.corridor_schemes[c].push_back(s);
    w.sector_schemes[g].push_back(s);
  }

  for (const auto& s : spec.schemes) w.channel_names.push_back(s.name);
  for (const auto& c : spec.corridors) w.channel_names.push_back(c.name + "/irregular");
  for (const auto& d : spec.destinations) w.channel_names.push_back(d.name + "/regularised");
  return w;
}

}  // namespace corridor
