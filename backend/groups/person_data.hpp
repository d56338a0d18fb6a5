// What groups hold about a person, for their data export, and what they forget when the person deletes their
// account: their memberships and requests to join. What they wrote in a group's discussions stays, as discussions
// keep it.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::groups::person_data {

// {"memberships": [{group_id, group, role, joined_at}], "requests_to_join": [{group_id, group, message, at}]}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

void forget(pqxx::work& tx, std::int64_t user_id);

} // namespace pswnet::groups::person_data
