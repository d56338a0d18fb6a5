// Invitation SQL: creating, finding, accepting (which creates the user), listing the pending ones, sending again
// and withdrawing. Tokens arrive already hashed.
#include "identity/invitation_store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::identity {
namespace {

constexpr const char* invitation_columns =
    "i.id, i.email, i.organisation_id, i.sector, array_to_string(i.roles, ','), rfc3339(i.expires_at), "
    "rfc3339(i.created_at), rfc3339(i.accepted_at), i.accepted_at IS NOT NULL, i.expires_at <= now(), "
    "i.revoked_at IS NOT NULL";

const db::statement create_invitation_sql{"identity.insert_invitation", std::string(R"sql(
WITH i AS (
    INSERT INTO invitations (token_hash, email, organisation_id, sector, roles, invited_by, expires_at)
    VALUES ($1, lower($2), $3, $4, string_to_array($5, ','), $6, now() + make_interval(secs => $7))
    RETURNING *)
SELECT )sql") + invitation_columns + " FROM i"};

const db::statement find_invitation_sql{"identity.find_invitation", std::string("SELECT ") + invitation_columns +
                                                                        " FROM invitations i WHERE i.token_hash = $1"};

const db::statement lock_invitation_sql{"identity.lock_invitation",
                                        std::string("SELECT ") + invitation_columns +
                                            " FROM invitations i WHERE i.token_hash = $1 FOR UPDATE"};

const db::statement mark_accepted_sql{
    "identity.mark_invitation_accepted",
    "UPDATE invitations SET accepted_at = now(), accepted_user_id = $2 WHERE id = $1"};

const db::statement find_by_id_sql{"identity.find_invitation_by_id",
                                   std::string("SELECT ") + invitation_columns + " FROM invitations i WHERE i.id = $1"};

// Pending: neither accepted nor withdrawn (expired ones too, so that they can be sent again).
const db::statement pending_sql{"identity.pending_invitations",
                                std::string("SELECT ") + invitation_columns + R"sql( FROM invitations i
WHERE i.organisation_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
ORDER BY i.created_at DESC, i.id DESC LIMIT 500)sql"};

// Sending again: a new link (the old one stops working) valid for the full lifetime from now.
const db::statement renew_sql{"identity.renew_invitation", std::string(R"sql(
WITH i AS (
    UPDATE invitations SET token_hash = $2, expires_at = now() + make_interval(secs => $3)
    WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL
    RETURNING *)
SELECT )sql") + invitation_columns + " FROM i"};

const db::statement revoke_sql{
    "identity.revoke_invitation",
    "UPDATE invitations SET revoked_at = now() WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL"};

stored_invitation read_invitation(const pqxx::row& row)
{
    stored_invitation s;
    auto& i = s.details;
    i.id = row[0].as<std::int64_t>();
    i.email = row[1].as<std::string>();
    i.organisation_id = row[2].as<std::int64_t>();
    i.sector = parse_sector(row[3].as<std::string>()).value_or(sector::both);
    i.roles = parse_role_list(row[4].as<std::string>());
    i.expires_at = row[5].as<std::string>();
    i.created_at = row[6].as<std::string>();
    i.accepted_at = db::nullable<std::string>(row[7]);
    s.state = row[8].as<bool>()    ? invitation_state::accepted
              : row[10].as<bool>() ? invitation_state::revoked
              : row[9].as<bool>()  ? invitation_state::expired
                                   : invitation_state::usable;
    return s;
}

std::string details(const nlohmann::json& value)
{
    return value.dump();
}

} // namespace

std::string unusable_reason(invitation_state state)
{
    switch (state) {
    case invitation_state::accepted:
        return "This invitation has already been used.";
    case invitation_state::expired:
        return "This invitation has expired. Ask for a new one.";
    case invitation_state::revoked:
        return "This invitation was withdrawn. Ask for a new one.";
    case invitation_state::usable:
        break;
    }
    return "This invitation can be used.";
}

awaitable<invitation> invitation_store::create_invitation(invitation_request request, std::string token_hash,
                                                          std::chrono::seconds lifetime,
                                                          notifications::queued_email message, audit_context who)
{
    return pool_.write([request = std::move(request), token_hash = std::move(token_hash), lifetime,
                        message = std::move(message), who = std::move(who)](pqxx::work& tx) {
        auto row = db::exec(tx, create_invitation_sql, token_hash, request.email, request.organisation_id,
                            std::string(to_string(request.sector)), roles_text(request.roles), who.actor_user_id,
                            static_cast<double>(lifetime.count()))
                       .at(0);
        auto created = read_invitation(row).details;
        notifications::enqueue(tx, message);
        db::audit(tx, who,
                  {"invitation.created", "invitation", created.id,
                   details({{"organisation_id", created.organisation_id}, {"roles", roles_text(created.roles)}})});
        return created;
    });
}

awaitable<std::optional<stored_invitation>> invitation_store::find_invitation(std::string token_hash)
{
    return pool_.read(
        [token_hash = std::move(token_hash)](pqxx::read_transaction& tx) -> std::optional<stored_invitation> {
            auto rows = db::exec(tx, find_invitation_sql, token_hash);
            if (rows.empty())
                return std::nullopt;
            return read_invitation(rows[0]);
        });
}

awaitable<std::int64_t> invitation_store::accept_invitation(std::string token_hash, std::string display_name,
                                                            std::string password_hash, audit_context who)
{
    return pool_.write([token_hash = std::move(token_hash), display_name = std::move(display_name),
                        password_hash = std::move(password_hash), who = std::move(who)](pqxx::work& tx) {
        auto rows = db::exec(tx, lock_invitation_sql, token_hash);
        if (rows.empty())
            throw api_error(errc::not_found, "This invitation link is not valid.");
        auto stored = read_invitation(rows[0]);
        if (stored.state != invitation_state::usable)
            throw api_error(errc::gone, unusable_reason(stored.state));
        const auto& i = stored.details;
        if (email_in_use(tx, i.email))
            throw api_error(errc::conflict, "An account with this email address already exists.");
        auto id = insert_user(tx, {i.email, display_name, {}, i.organisation_id, i.sector, i.roles}, password_hash);
        db::exec(tx, mark_accepted_sql, i.id, id);
        auto actor = who;
        actor.actor_user_id = id;
        db::audit(tx, actor, {"invitation.accepted", "invitation", i.id});
        db::audit(tx, actor, {"user.created", "user", id, details({{"roles", roles_text(i.roles)}})});
        return id;
    });
}

awaitable<std::vector<invitation>> invitation_store::pending(std::int64_t organisation_id)
{
    return pool_.read([organisation_id](pqxx::read_transaction& tx) {
        std::vector<invitation> found;
        for (const auto& row : db::exec(tx, pending_sql, organisation_id))
            found.push_back(read_invitation(row).details);
        return found;
    });
}

awaitable<std::optional<stored_invitation>> invitation_store::find(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) -> std::optional<stored_invitation> {
        auto rows = db::exec(tx, find_by_id_sql, id);
        if (rows.empty())
            return std::nullopt;
        return read_invitation(rows[0]);
    });
}

awaitable<std::optional<invitation>> invitation_store::renew(std::int64_t id, std::string token_hash,
                                                             std::chrono::seconds lifetime,
                                                             notifications::queued_email message, audit_context who)
{
    return pool_.write([=, token_hash = std::move(token_hash), message = std::move(message),
                        who = std::move(who)](pqxx::work& tx) -> std::optional<invitation> {
        auto rows = db::exec(tx, renew_sql, id, token_hash, static_cast<double>(lifetime.count()));
        if (rows.empty())
            return std::nullopt;
        notifications::enqueue(tx, message);
        db::audit(tx, who, {"invitation.resent", "invitation", id});
        return read_invitation(rows[0]).details;
    });
}

awaitable<bool> invitation_store::revoke(std::int64_t id, audit_context who)
{
    return pool_.write([id, who = std::move(who)](pqxx::work& tx) {
        if (db::exec(tx, revoke_sql, id).affected_rows() == 0)
            return false;
        db::audit(tx, who, {"invitation.revoked", "invitation", id});
        return true;
    });
}

} // namespace pswnet::identity
