// JSON of the library's types, as the API contract (schemas/openapi.yaml) describes them.
#pragma once

#include "library/model.hpp"
#include "library/store.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::library {

nlohmann::json to_json(const file_version& f, std::int64_t resource_id);
// The list view leaves out files, endorsements and threads.
nlohmann::json to_json(const resource& r, bool full);
nlohmann::json to_json(const endorsement_change& e);
nlohmann::json to_json(const search_hit& h);
// A paper as consultations and meetings show it: {resource_id, title, type, link_url, file}.
nlohmann::json to_json(const paper& p);

} // namespace pswnet::library
