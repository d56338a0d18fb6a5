// What discussions hold about a person, for their data export, and what they forget when the person deletes their
// account. What the person wrote stays: it is the network's record, attributed to a former member.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::forum::person_data {

// {"threads_started": [...], "posts": [...], "following": [...], "reactions": [...], "flags": [...]}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

// The threads they followed and had seen.
void forget(pqxx::work& tx, std::int64_t user_id);

} // namespace pswnet::forum::person_data
