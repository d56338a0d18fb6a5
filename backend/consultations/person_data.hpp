// What consultations hold about a person, for their data export: the consultations they published and the responses
// they saved or submitted. Nothing is forgotten when they delete their account: responses are their organisation's.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::consultations::person_data {

// {"consultations_published": [...], "responses_saved": [...]}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

} // namespace pswnet::consultations::person_data
