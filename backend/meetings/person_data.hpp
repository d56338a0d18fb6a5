// What meetings hold about a person, for their data export, and what they forget when the person deletes their
// account: their answers to meetings and their calendar feed. The meetings they arranged and the actions they own
// stay with their groups, as discussions keep what people wrote.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::meetings::person_data {

// {"answers": [{meeting_id, meeting, answer, at}], "actions": [{action_id, group, title, due_on, done}],
//  "calendar_feed": {created_at} | null}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

void forget(pqxx::work& tx, std::int64_t user_id);

} // namespace pswnet::meetings::person_data
