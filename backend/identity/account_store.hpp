// SQL of what people change in their own accounts: profile, password, email address and sessions, and the
// single-use links that reset a forgotten password or confirm a new address. Links arrive already hashed; the
// emails that carry them are queued in the same transaction as the link.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "identity/account_emails.hpp"
#include "identity/model.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::identity {

enum class account_link { password_reset, email_change };

// Who a usable link is for, and the address it confirms (an email change) or resets (the account's own).
struct account_link_target {
    std::int64_t user_id = 0;
    std::string email;
};

enum class email_change_outcome { link_sent, address_taken };

// A link sent at most this many times an hour to one account, for each purpose.
inline constexpr int max_account_links_per_hour = 5;

// The name and address of an account, for the emails about it.
addressee addressee_of(pqxx::work& tx, std::int64_t user_id);

class account_store {
public:
    explicit account_store(db::pool& pool) : pool_(pool) {}

    awaitable<user> update_profile(std::int64_t user_id, profile_update update, audit_context who);
    awaitable<std::optional<std::string>> password_hash(std::int64_t user_id);
    // Sets the password, ends every other session, and emails the owner that it changed. Returns the ended sessions.
    awaitable<std::vector<std::int64_t>> change_password(std::int64_t user_id, std::int64_t current_session_id,
                                                         std::string password_hash, audit_context who);

    // Active sessions, most recently used first; "current" is left for the caller.
    awaitable<std::vector<session_summary>> sessions(std::int64_t user_id, std::chrono::minutes idle);
    // False when the user has no such active session.
    awaitable<bool> end_session(std::int64_t user_id, std::int64_t session_id, audit_context who);
    awaitable<void> end_all_sessions(std::int64_t user_id, audit_context who);

    // When an active account has this address and is under the hourly limit, records a reset link (ending older
    // ones) and queues its email. Otherwise does nothing: the caller answers the same either way.
    awaitable<void> issue_password_reset(std::string email, std::string token_hash, std::string token,
                                         audit_context who);
    // Records a link to the new address (ending older ones) and queues its email; when another account has the
    // address, records a spent link instead, so that trying addresses counts toward the hourly limit. Throws
    // rate_limited past that limit.
    awaitable<email_change_outcome> issue_email_change(std::int64_t user_id, std::string new_email,
                                                       std::string token_hash, std::string token, audit_context who);

    // An unused, unexpired link of an active account; none otherwise.
    awaitable<std::optional<account_link_target>> find_link(std::string token_hash, account_link purpose);
    // Uses the link: sets the password, ends every session, emails the owner. Returns the account; none when the
    // link is not usable.
    awaitable<std::optional<std::int64_t>> reset_password(std::string token_hash, std::string password_hash,
                                                          audit_context who);
    // Uses the link: the account takes the new address and the old one is told. None when the link is not usable;
    // throws conflict when another account took the address since.
    awaitable<std::optional<account_link_target>> confirm_email_change(std::string token_hash, audit_context who);

private:
    db::pool& pool_;
};

} // namespace pswnet::identity
