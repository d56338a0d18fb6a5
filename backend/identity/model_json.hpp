// JSON of identity's types, as described in schemas/openapi.yaml.
#pragma once

#include "identity/model.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::identity {

nlohmann::json to_json(const profile& p, const std::string& csrf_token);
nlohmann::json to_json(const user& u); // a member, as an administrator sees them
nlohmann::json to_json(const session_summary& s);
nlohmann::json to_json(const person_card& p);
nlohmann::json to_json(const organisation_people& people);
nlohmann::json to_json(const invitation& i);
nlohmann::json to_json(const invitation_preview& i);
nlohmann::json to_json(const authenticator_setup& s);
nlohmann::json to_json(const two_factor_status& s);
nlohmann::json to_json(const sign_in_policy& p);
nlohmann::json roles_json(const std::vector<role>& roles);

} // namespace pswnet::identity
