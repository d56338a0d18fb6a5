// SQL of identity's users and sessions.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "identity/model.hpp"
#include "notifications/notify.hpp"

#include <chrono>

namespace pswnet::identity {

struct login_record {
    std::int64_t user_id = 0;
    std::string password_hash;
    bool disabled = false;
    bool single_sign_on_required = false; // the organisation refuses password sign-in
};

struct session_request {
    std::int64_t user_id = 0;
    std::string token_hash;
    std::chrono::seconds lifetime{0};
    std::string user_agent;
    std::string device_hash;
    // Sent when the device never signed in to this account before, unless this is the account's first session.
    std::optional<notifications::account_notice> new_device_notice;
    std::optional<std::int64_t> identity_provider_id; // the provider the person signed in with
};

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    awaitable<std::optional<login_record>> find_login(std::string email);
    // Returns the session's expiry time (RFC 3339).
    awaitable<std::string> create_session(session_request request, audit_context who);
    // touch: count this as use of the session (at most one write a minute).
    // An active person's principal, without a session: for work done on their behalf (a reply by email).
    awaitable<std::optional<principal>> principal_of(std::int64_t user_id);
    awaitable<std::optional<principal>> authenticate(std::string token_hash, std::chrono::minutes idle,
                                                     bool touch = true);
    // Returns the identity provider the ended session was opened by, if any.
    awaitable<std::optional<std::int64_t>> revoke_session(std::int64_t session_id, audit_context who);
    awaitable<void> record_failed_login(std::string email, audit_context who);

    awaitable<std::optional<user>> find_user(std::int64_t id);
    awaitable<bool> email_taken(std::string email);
    awaitable<std::int64_t> create_user(new_user user, std::string password_hash, audit_context who);

    awaitable<member_page> members(std::int64_t organisation_id, int limit, std::optional<std::int64_t> after_id);
    awaitable<user> set_disabled(std::int64_t user_id, bool disabled, audit_context who);

private:
    db::pool& pool_;
};

// The columns read_user reads, from users u.
extern const char* const user_columns;
user read_user(const pqxx::row& row);

// Ends sessions inside a transaction and tells every instance (the session.revoked event): all the user's, or all
// but keep_session_id. Returns the sessions ended when one is kept (none listed when all end).
std::vector<std::int64_t> end_sessions(pqxx::work& tx, std::int64_t user_id,
                                       std::optional<std::int64_t> keep_session_id = std::nullopt);
// Ends one session of the user; false when there is no such active session of theirs.
bool end_session(pqxx::work& tx, std::int64_t user_id, std::int64_t session_id);

// For invitation_store's acceptance, inside its transaction.
bool email_in_use(pqxx::transaction_base& tx, const std::string& email);
std::int64_t insert_user(pqxx::work& tx, const new_user& user, const std::string& password_hash);

std::string roles_text(const std::vector<role>& roles); // "member,org_admin", for string_to_array

} // namespace pswnet::identity
