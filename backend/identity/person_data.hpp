// What identity holds about a person, for their data export, and what it forgets when they delete their account.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::identity::person_data {

// {"account": {...}, "sessions": [...], "invitations_sent": [...] (roles and dates, not the addresses)}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

// Whether the person is the only active network administrator (the last one may not delete their account). Locks
// them all until the transaction ends.
bool only_network_admin(pqxx::work& tx, std::int64_t user_id);

// Removes the account's personal data and ends its sessions on every instance. The row stays, disabled and named
// "A former member of <organisation>", so that what the person wrote keeps an author; its address becomes one
// that nobody can receive at, so that it can be used for a new account. False when there is no such account (or it
// was erased already).
bool forget(pqxx::work& tx, std::int64_t user_id);

} // namespace pswnet::identity::person_data
