// What notifications hold about a person, for their data export, and what they forget when the person deletes their
// account: everything, since nothing here is the network's record.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::notifications::person_data {

// {"settings": [...], "digest_schedule": {...}, "notifications": [...], "emails": [...]}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

// Their notifications, choices, digests, links in emails, and the emails to them or their address (an invitation
// went before the account was), sent or not. Runs before identity forgets the address.
void forget(pqxx::work& tx, std::int64_t user_id);

} // namespace pswnet::notifications::person_data
