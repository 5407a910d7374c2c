// The world as the engine sees it: a Boost.Graph of countries (vertices) and corridors
// (edges), plus the flat indices the monthly loop uses (channels, sectors).
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <vector>

#include "model/spec.hpp"

namespace corridor {

struct CountryVertex {
  std::string name;
  int origin = -1;       // index in Spec::origins, or -1
  int destination = -1;  // index in Spec::destinations, or -1
};
struct CorridorEdge {
  int corridor = -1;  // index in Spec::corridors
};
using WorldGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, CountryVertex, CorridorEdge>;

// Channel axis: schemes, then one irregular route per corridor, then one regularised
// channel per destination.
struct World {
  WorldGraph graph;
  int n_schemes = 0, n_corridors = 0, n_destinations = 0, n_origins = 0, n_sectors = 0;
  std::vector<std::string> channel_names;                  // "schemes" axis of the output
  std::vector<int> corridor_origin, corridor_destination;  // by corridor
  std::vector<int> scheme_corridor, scheme_sector;         // by scheme (global sector)
  std::vector<int> sector_destination;                     // by global sector
  std::vector<int> sector_local;                           // index within its destination
  std::vector<std::string> sector_names;                   // "dest/sector"
  std::vector<std::vector<int>> origin_corridors;          // corridors out of each origin
  std::vector<std::vector<int>> corridor_schemes;          // schemes on each corridor
  std::vector<std::vector<int>> sector_schemes;            // schemes on each sector
  std::vector<std::vector<int>> destination_sectors;       // sectors of each destination

  int channels() const { return n_schemes + n_corridors + n_destinations; }
  int route_channel(int corridor) const { return n_schemes + corridor; }
  int regularised_channel(int destination) const { return n_schemes + n_corridors + destination; }
  bool is_scheme(int ch) const { return ch >= 0 && ch < n_schemes; }
  bool is_route(int ch) const { return ch >= n_schemes && ch < n_schemes + n_corridors; }
  bool is_regularised(int ch) const { return ch >= n_schemes + n_corridors; }
  // Corridor of any channel (regularised channels: -1).
  int channel_corridor(int ch) const {
    if (is_scheme(ch)) return scheme_corridor[ch];
    if (is_route(ch)) return ch - n_schemes;
    return -1;
  }
  int channel_destination(int ch) const {
    if (is_regularised(ch)) return ch - n_schemes - n_corridors;
    return corridor_destination[channel_corridor(ch)];
  }
};

// Builds the graph and indices; throws std::runtime_error on a dangling reference.
World build_world(const Spec& spec);

}  // namespace corridor
