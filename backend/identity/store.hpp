// SQL of identity: users, sessions, invitations, and the outbox of invitation messages.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "identity/model.hpp"

#include <chrono>

namespace pswnet::identity {

struct login_record {
    std::int64_t user_id = 0;
    std::string password_hash;
    bool disabled = false;
};

struct session_request {
    std::int64_t user_id = 0;
    std::string token_hash;
    std::chrono::seconds lifetime{0};
    std::string user_agent;
};

enum class invitation_state { usable, accepted, expired };

struct stored_invitation {
    invitation details;
    invitation_state state = invitation_state::usable;
};

struct outbox_message {
    std::string recipient;
    std::string subject;
    std::string body;
    std::string kind;
};

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    awaitable<std::optional<login_record>> find_login(std::string email);
    // Returns the session's expiry time (RFC 3339).
    awaitable<std::string> create_session(session_request request, audit_context who);
    awaitable<std::optional<principal>> authenticate(std::string token_hash, std::chrono::minutes idle);
    awaitable<void> revoke_session(std::int64_t session_id, audit_context who);
    awaitable<void> record_failed_login(std::string email, audit_context who);

    awaitable<std::optional<user>> find_user(std::int64_t id);
    awaitable<bool> email_taken(std::string email);
    awaitable<std::int64_t> create_user(new_user user, std::string password_hash, audit_context who);

    awaitable<invitation> create_invitation(invitation_request request, std::string token_hash,
                                            std::chrono::seconds lifetime, outbox_message message,
                                            audit_context who);
    awaitable<std::optional<stored_invitation>> find_invitation(std::string token_hash);
    // Creates the user and marks the invitation used, atomically; throws gone/conflict when that is no longer
    // possible. Returns the new user's id.
    awaitable<std::int64_t> accept_invitation(std::string token_hash, std::string display_name,
                                              std::string password_hash, audit_context who);

    awaitable<member_page> members(std::int64_t organisation_id, int limit, std::optional<std::int64_t> after_id);
    awaitable<user> set_disabled(std::int64_t user_id, bool disabled, audit_context who);

private:
    db::pool& pool_;
};

std::string roles_text(const std::vector<role>& roles); // "member,org_admin", for string_to_array
std::vector<role> parse_roles_text(const std::string& text);

} // namespace pswnet::identity
