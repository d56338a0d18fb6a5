// JSON of groups' types, as described in schemas/openapi.yaml.
#pragma once

#include "core/principal.hpp"
#include "groups/model.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::groups {

// With what the caller may do with it: my_role, requested, can_read, can_post, can_manage.
nlohmann::json to_json(const group& g, const principal& who);
nlohmann::json to_json(const member& m);
nlohmann::json to_json(const join_request& r);

} // namespace pswnet::groups
