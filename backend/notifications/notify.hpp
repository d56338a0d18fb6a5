// The one way any capability tells people of something: inside its own transaction, notify() writes each
// recipient's notification, sends it live on their user:{id} channel, and, when they chose so for its kind, puts an
// email in the outbox. Capabilities decide who hears of what; notifications decides how.
#pragma once

#include "notifications/model.hpp"
#include "notifications/outbox.hpp"
#include "realtime/event_log.hpp"

#include <pqxx/pqxx>

#include <cstdint>
#include <vector>

namespace pswnet::notifications {

// Skips the actor, repeats and disabled accounts. Returns the people notified.
std::vector<std::int64_t> notify(pqxx::dbtransaction& tx, const notice& n, const std::vector<std::int64_t>& recipients);
// The same, but the live events are added to `events`, for the caller to append with its own in one statement
// (realtime::append_events, or realtime::batch_of in a statement of the caller's and then announce_appended).
std::vector<std::int64_t> notify(pqxx::dbtransaction& tx, const notice& n, const std::vector<std::int64_t>& recipients,
                                 std::vector<realtime::typed_event>& events);

// Something done to a person's own account: their password or address changed, or a new device signed in.
struct account_notice {
    std::string title;  // what the app lists: "Your password was changed"
    std::string link;   // the page to act on it: "/account/sessions"
    queued_email email; // to the account's owner; email.user_id says who they are
};

// Tells the owner in the app and by email, whatever their settings (kind "account" is fixed).
void tell_account_holder(pqxx::dbtransaction& tx, const account_notice& n);

// Who holds notifications about a subject: its owner checks whether they may still see it.
std::vector<std::int64_t> holders(pqxx::dbtransaction& tx, const std::string& subject_type, std::int64_t subject_id);

// Takes back the notifications about a subject from people who may no longer see it.
void withdraw(pqxx::dbtransaction& tx, const std::string& subject_type, std::int64_t subject_id,
              const std::vector<std::int64_t>& from);

} // namespace pswnet::notifications
