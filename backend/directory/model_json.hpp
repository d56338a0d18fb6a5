// JSON of the directory's types, as described in schemas/openapi.yaml.
#pragma once

#include "directory/comparator_group_store.hpp"
#include "directory/model.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::directory {

nlohmann::json to_json(const organisation& o);
nlohmann::json to_json(const neighbour& n);
nlohmann::json to_json(const region_count& r);
nlohmann::json to_json(const comparator_group& g);

} // namespace pswnet::directory
