// Identity SQL. Tokens arrive here already hashed: the plain tokens never reach the database.
#include "identity/store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::identity {
namespace {

constexpr const char* user_columns =
    "u.id, u.email, u.display_name, u.organisation_id, u.sector, array_to_string(u.roles, ','), "
    "u.disabled_at IS NOT NULL, rfc3339(u.created_at)";

constexpr const char* find_login_sql =
    "SELECT id, password_hash, disabled_at IS NOT NULL FROM users WHERE email = lower($1)";

constexpr const char* create_session_sql = R"sql(
INSERT INTO sessions (user_id, token_hash, expires_at, user_agent, client_address)
VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5)
RETURNING id, rfc3339(expires_at))sql";

// A session is valid while not revoked, not expired, recently used, and its user not disabled.
const db::statement authenticate_sql{"identity.authenticate", R"sql(
SELECT s.id, u.id, u.organisation_id, u.sector, array_to_string(u.roles, ','),
       s.last_seen_at < now() - interval '1 minute'
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1
  AND s.revoked_at IS NULL
  AND s.expires_at > now()
  AND s.last_seen_at > now() - make_interval(mins => $2)
  AND u.disabled_at IS NULL)sql"};

const db::statement touch_session_sql{"identity.touch_session",
                                      "UPDATE sessions SET last_seen_at = now() WHERE id = $1"};

constexpr const char* revoke_session_sql =
    "UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING user_id";

const std::string find_user_sql = std::string("SELECT ") + user_columns + " FROM users u WHERE u.id = $1";

constexpr const char* email_taken_sql = "SELECT 1 FROM users WHERE email = lower($1)";

constexpr const char* create_user_sql = R"sql(
INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles)
VALUES (lower($1), $2, $3, $4, $5, string_to_array($6, ','))
RETURNING id)sql";

constexpr const char* invitation_columns =
    "i.id, i.email, i.organisation_id, i.sector, array_to_string(i.roles, ','), rfc3339(i.expires_at), "
    "rfc3339(i.created_at), rfc3339(i.accepted_at), i.accepted_at IS NOT NULL, i.expires_at <= now()";

const std::string create_invitation_sql = std::string(R"sql(
WITH i AS (
    INSERT INTO invitations (token_hash, email, organisation_id, sector, roles, invited_by, expires_at)
    VALUES ($1, lower($2), $3, $4, string_to_array($5, ','), $6, now() + make_interval(secs => $7))
    RETURNING *)
SELECT )sql") + invitation_columns + " FROM i";

const std::string find_invitation_sql =
    std::string("SELECT ") + invitation_columns + " FROM invitations i WHERE i.token_hash = $1";

const std::string lock_invitation_sql =
    std::string("SELECT ") + invitation_columns + " FROM invitations i WHERE i.token_hash = $1 FOR UPDATE";

constexpr const char* mark_accepted_sql =
    "UPDATE invitations SET accepted_at = now(), accepted_user_id = $2 WHERE id = $1";

constexpr const char* insert_outbox_sql =
    "INSERT INTO outbox (recipient, subject, body, kind) VALUES ($1, $2, $3, $4) RETURNING id";

const std::string members_sql = std::string("SELECT ") + user_columns + R"sql(
FROM users u
WHERE u.organisation_id = $1 AND ($2::bigint IS NULL OR u.id > $2)
ORDER BY u.id
LIMIT $3)sql";

constexpr const char* set_disabled_sql =
    "UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1";

constexpr const char* revoke_user_sessions_sql =
    "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL";

user read_user(const pqxx::row& row)
{
    user u;
    u.id = row[0].as<std::int64_t>();
    u.email = row[1].as<std::string>();
    u.display_name = row[2].as<std::string>();
    u.organisation_id = row[3].as<std::int64_t>();
    u.sector = parse_sector(row[4].as<std::string>()).value_or(sector::both);
    u.roles = parse_roles_text(row[5].as<std::string>());
    u.disabled = row[6].as<bool>();
    u.created_at = row[7].as<std::string>();
    return u;
}

stored_invitation read_invitation(const pqxx::row& row)
{
    stored_invitation s;
    auto& i = s.details;
    i.id = row[0].as<std::int64_t>();
    i.email = row[1].as<std::string>();
    i.organisation_id = row[2].as<std::int64_t>();
    i.sector = parse_sector(row[3].as<std::string>()).value_or(sector::both);
    i.roles = parse_roles_text(row[4].as<std::string>());
    i.expires_at = row[5].as<std::string>();
    i.created_at = row[6].as<std::string>();
    i.accepted_at = db::nullable<std::string>(row[7]);
    s.state = row[8].as<bool>() ? invitation_state::accepted
              : row[9].as<bool>() ? invitation_state::expired
                                  : invitation_state::usable;
    return s;
}

std::string details(const nlohmann::json& value) { return value.dump(); }

} // namespace

std::string roles_text(const std::vector<role>& roles)
{
    std::string text;
    for (auto r : roles) {
        if (!text.empty())
            text += ',';
        text += to_string(r);
    }
    return text;
}

std::vector<role> parse_roles_text(const std::string& text)
{
    std::vector<role> roles;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        auto name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (auto r = parse_role(name))
            roles.push_back(*r);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return roles;
}

awaitable<std::optional<login_record>> store::find_login(std::string email)
{
    return pool_.read([email = std::move(email)](pqxx::read_transaction& tx) -> std::optional<login_record> {
        auto rows = tx.exec_params(find_login_sql, email);
        if (rows.empty())
            return std::nullopt;
        return login_record{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(), rows[0][2].as<bool>()};
    });
}

awaitable<std::string> store::create_session(session_request request, audit_context who)
{
    return pool_.write([request = std::move(request), who = std::move(who)](pqxx::work& tx) {
        auto row = tx.exec_params1(create_session_sql, request.user_id, request.token_hash,
                                   static_cast<double>(request.lifetime.count()),
                                   request.user_agent.substr(0, 300), who.client_address);
        auto actor = who;
        actor.actor_user_id = request.user_id;
        db::audit(tx, actor, {"session.created", "session", row[0].as<std::int64_t>()});
        return row[1].as<std::string>();
    });
}

awaitable<std::optional<principal>> store::authenticate(std::string token_hash, std::chrono::minutes idle)
{
    // Runs on every request: one prepared statement in autocommit, and a write at most once a minute.
    return pool_.query([token_hash = std::move(token_hash), idle](pqxx::nontransaction& tx) -> std::optional<principal> {
        auto rows = db::exec(tx, authenticate_sql, token_hash, static_cast<int>(idle.count()));
        if (rows.empty())
            return std::nullopt;
        const auto& row = rows[0];
        principal p;
        p.session_id = row[0].as<std::int64_t>();
        p.user_id = row[1].as<std::int64_t>();
        p.organisation_id = row[2].as<std::int64_t>();
        p.sector = parse_sector(row[3].as<std::string>()).value_or(sector::both);
        p.roles = parse_roles_text(row[4].as<std::string>());
        if (row[5].as<bool>())
            db::exec(tx, touch_session_sql, p.session_id);
        return p;
    });
}

awaitable<void> store::revoke_session(std::int64_t session_id, audit_context who)
{
    return pool_.write([session_id, who = std::move(who)](pqxx::work& tx) {
        tx.exec_params(revoke_session_sql, session_id);
        db::audit(tx, who, {"session.revoked", "session", session_id});
    });
}

awaitable<void> store::record_failed_login(std::string email, audit_context who)
{
    return pool_.write([email = std::move(email), who = std::move(who)](pqxx::work& tx) {
        db::audit(tx, who, {"login.failed", "user", std::nullopt, details({{"email", email}})});
    });
}

awaitable<std::optional<user>> store::find_user(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) -> std::optional<user> {
        auto rows = tx.exec_params(find_user_sql, id);
        if (rows.empty())
            return std::nullopt;
        return read_user(rows[0]);
    });
}

awaitable<bool> store::email_taken(std::string email)
{
    return pool_.read([email = std::move(email)](pqxx::read_transaction& tx) {
        return !tx.exec_params(email_taken_sql, email).empty();
    });
}

awaitable<std::int64_t> store::create_user(new_user u, std::string password_hash, audit_context who)
{
    return pool_.write(
        [u = std::move(u), password_hash = std::move(password_hash), who = std::move(who)](pqxx::work& tx) {
            auto id = tx.exec_params1(create_user_sql, u.email, u.display_name, password_hash, u.organisation_id,
                                      std::string(to_string(u.sector)), roles_text(u.roles))[0]
                          .as<std::int64_t>();
            db::audit(tx, who, {"user.created", "user", id, details({{"roles", roles_text(u.roles)}})});
            return id;
        });
}

awaitable<invitation> store::create_invitation(invitation_request request, std::string token_hash,
                                               std::chrono::seconds lifetime, outbox_message message,
                                               audit_context who)
{
    return pool_.write([request = std::move(request), token_hash = std::move(token_hash), lifetime,
                                    message = std::move(message), who = std::move(who)](pqxx::work& tx) {
        auto row = tx.exec_params1(create_invitation_sql, token_hash, request.email, request.organisation_id,
                                   std::string(to_string(request.sector)), roles_text(request.roles),
                                   who.actor_user_id, static_cast<double>(lifetime.count()));
        auto created = read_invitation(row).details;
        tx.exec_params1(insert_outbox_sql, message.recipient, message.subject, message.body, message.kind);
        db::audit(tx, who,
                  {"invitation.created", "invitation", created.id,
                   details({{"organisation_id", created.organisation_id}, {"roles", roles_text(created.roles)}})});
        return created;
    });
}

awaitable<std::optional<stored_invitation>> store::find_invitation(std::string token_hash)
{
    return pool_.read(
        [token_hash = std::move(token_hash)](pqxx::read_transaction& tx) -> std::optional<stored_invitation> {
            auto rows = tx.exec_params(find_invitation_sql, token_hash);
            if (rows.empty())
                return std::nullopt;
            return read_invitation(rows[0]);
        });
}

awaitable<std::int64_t> store::accept_invitation(std::string token_hash, std::string display_name,
                                                 std::string password_hash, audit_context who)
{
    return pool_.write([token_hash = std::move(token_hash), display_name = std::move(display_name),
                                    password_hash = std::move(password_hash),
                                    who = std::move(who)](pqxx::work& tx) {
        auto rows = tx.exec_params(lock_invitation_sql, token_hash);
        if (rows.empty())
            throw api_error(errc::not_found, "This invitation link is not valid.");
        auto stored = read_invitation(rows[0]);
        if (stored.state != invitation_state::usable)
            throw api_error(errc::gone, stored.state == invitation_state::accepted
                                            ? "This invitation has already been used."
                                            : "This invitation has expired. Ask for a new one.");
        const auto& i = stored.details;
        if (!tx.exec_params(email_taken_sql, i.email).empty())
            throw api_error(errc::conflict, "An account with this email address already exists.");
        auto id = tx.exec_params1(create_user_sql, i.email, display_name, password_hash, i.organisation_id,
                                  std::string(to_string(i.sector)), roles_text(i.roles))[0]
                      .as<std::int64_t>();
        tx.exec_params0(mark_accepted_sql, i.id, id);
        auto actor = who;
        actor.actor_user_id = id;
        db::audit(tx, actor, {"invitation.accepted", "invitation", i.id});
        db::audit(tx, actor, {"user.created", "user", id, details({{"roles", roles_text(i.roles)}})});
        return id;
    });
}

awaitable<member_page> store::members(std::int64_t organisation_id, int limit, std::optional<std::int64_t> after_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) {
        member_page page;
        for (const auto& row : tx.exec_params(members_sql, organisation_id, after_id, limit + 1))
            page.items.push_back(read_user(row));
        if (page.items.size() > static_cast<std::size_t>(limit)) {
            page.items.pop_back();
            page.next_after_id = page.items.back().id;
        }
        return page;
    });
}

awaitable<user> store::set_disabled(std::int64_t user_id, bool disabled, audit_context who)
{
    return pool_.write([user_id, disabled, who = std::move(who)](pqxx::work& tx) {
        tx.exec_params0(set_disabled_sql, user_id, disabled);
        if (disabled)
            tx.exec_params0(revoke_user_sessions_sql, user_id);
        db::audit(tx, who, {disabled ? "user.disabled" : "user.enabled", "user", user_id});
        return read_user(tx.exec_params1(find_user_sql, user_id));
    });
}

} // namespace pswnet::identity
