// Invitations in the database: each a single-use link (stored as a hash) with a lifetime, its message in the outbox.
#pragma once

#include "notifications/outbox.hpp"

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "identity/model.hpp"
#include "identity/store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::identity {

enum class invitation_state { usable, accepted, expired, revoked };

// Why an invitation in that state cannot be used, in words for the person holding the link.
std::string unusable_reason(invitation_state state);

struct stored_invitation {
    invitation details;
    invitation_state state = invitation_state::usable;
};

class invitation_store {
public:
    explicit invitation_store(db::pool& pool) : pool_(pool) {}

    awaitable<invitation> create_invitation(invitation_request request, std::string token_hash,
                                            std::chrono::seconds lifetime, notifications::queued_email message,
                                            audit_context who);
    awaitable<std::optional<stored_invitation>> find_invitation(std::string token_hash);
    // Creates the user and marks the invitation used, atomically; throws gone/conflict when that is no longer
    // possible. Returns the new user's id.
    awaitable<std::int64_t> accept_invitation(std::string token_hash, std::string display_name,
                                              std::string password_hash, audit_context who);

    // The organisation's invitations neither accepted nor withdrawn, newest first.
    awaitable<std::vector<invitation>> pending(std::int64_t organisation_id);
    awaitable<std::optional<stored_invitation>> find(std::int64_t id);
    // A new link and a full lifetime; nullopt when it was accepted or withdrawn meanwhile.
    awaitable<std::optional<invitation>> renew(std::int64_t id, std::string token_hash, std::chrono::seconds lifetime,
                                               notifications::queued_email message, audit_context who);
    // False when it was accepted or withdrawn already.
    awaitable<bool> revoke(std::int64_t id, audit_context who);

private:
    db::pool& pool_;
};

} // namespace pswnet::identity
