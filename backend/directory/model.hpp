// The organisation directory's types: organisations, regions and neighbours.
#pragma once

#include "core/references.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::directory {

struct region {
    std::string code;
    std::string name;
};

struct organisation {
    std::int64_t id = 0;
    std::string kind;
    std::string name;
    std::string code;
    std::optional<int> dfe_la_code;
    std::optional<std::string> la_type;
    std::optional<directory::region> region;
    std::optional<std::string> london_subregion;
    bool in_statistical_neighbour_model = false;
    // Other employers of PSWs: the services they run, and the local authorities they run them for.
    std::optional<std::string> services; // children, adults or both
    std::vector<organisation_ref> works_for;
};

// An employer of PSWs that a network administrator adds: an NHS trust, a children's trust or a community interest
// company (or another kind of organisation).
struct new_employer {
    std::string kind;
    std::string name;
    std::string code;
    std::optional<std::string> region_code;
    std::string services;
    std::vector<std::int64_t> works_for; // local authorities
};

enum class neighbour_group { statistical, region };

struct neighbour {
    std::optional<int> rank;
    std::optional<std::string> closeness;
    directory::organisation organisation;
};

struct region_count {
    directory::region region;
    int organisation_count = 0;
};

struct organisation_filter {
    std::optional<std::string> kind;
    std::optional<std::string> region_code;
    std::optional<std::string> q;
    int limit = 50;
    std::optional<std::int64_t> after_id; // keyset cursor: the last organisation of the previous page
};

struct organisation_page {
    std::vector<organisation> items;
    std::optional<std::int64_t> next_after_id;
};

} // namespace pswnet::directory
