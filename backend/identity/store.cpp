// Identity SQL of users and sessions (invitations: invitation_store). Tokens arrive here already hashed: the plain
// tokens never reach the database.
#include "identity/store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "realtime/event_log.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::identity {

const char* const user_columns =
    "u.id, u.email, u.display_name, u.organisation_id, u.sector, array_to_string(u.roles, ','), "
    "u.disabled_at IS NOT NULL, rfc3339(u.created_at), u.job_title, u.ask_me_about, u.listed, "
    "u.principal_social_worker";

namespace {

const db::statement find_login_sql{"identity.find_login", R"sql(
SELECT u.id, u.password_hash, u.disabled_at IS NOT NULL,
       p.single_sign_on_required_since IS NOT NULL
         AND EXISTS (SELECT 1 FROM identity_provider_organisations m WHERE m.organisation_id = u.organisation_id)
FROM users u LEFT JOIN organisation_sign_in_policies p ON p.organisation_id = u.organisation_id
WHERE u.email = lower($1))sql"}; // required, and still possible: a removed provider does not lock people out

const db::statement create_session_sql{"identity.create_session", R"sql(
INSERT INTO sessions (user_id, token_hash, expires_at, user_agent, client_address, device_hash, identity_provider_id)
VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5, $6, $7)
RETURNING id, rfc3339(expires_at))sql"};

// Whether the account signed in before, and whether from this device.
const db::statement device_history_sql{"identity.device_history", R"sql(
SELECT EXISTS (SELECT 1 FROM sessions WHERE user_id = $1),
       EXISTS (SELECT 1 FROM sessions WHERE user_id = $1 AND device_hash = $2))sql"};

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

const db::statement principal_sql{"identity.principal_of", R"sql(
SELECT u.id, u.organisation_id, u.sector, array_to_string(u.roles, ',') FROM users u
WHERE u.id = $1 AND u.disabled_at IS NULL)sql"};

const db::statement touch_session_sql{"identity.touch_session",
                                      "UPDATE sessions SET last_seen_at = now() WHERE id = $1"};

const db::statement revoke_session_sql{"identity.revoke_session",
                                       "UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL "
                                       "RETURNING user_id, identity_provider_id"};

const db::statement find_user_sql{"identity.find_user",
                                  std::string("SELECT ") + user_columns + " FROM users u WHERE u.id = $1"};

const db::statement email_taken_sql{"identity.email_taken", "SELECT 1 FROM users WHERE email = lower($1)"};

const db::statement create_user_sql{"identity.insert_user", R"sql(
INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles)
VALUES (lower($1), $2, $3, $4, $5, string_to_array($6, ','))
RETURNING id)sql"};

const db::statement members_sql{"identity.members", std::string("SELECT ") + user_columns + R"sql(
FROM users u
WHERE u.organisation_id = $1 AND ($2::bigint IS NULL OR u.id > $2)
ORDER BY u.id
LIMIT $3)sql"};

const db::statement erased_sql{"identity.erased", "SELECT erased_at IS NOT NULL FROM users WHERE id = $1"};

const db::statement set_disabled_sql{
    "identity.set_disabled",
    "UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1"};

const db::statement revoke_user_sessions_sql{
    "identity.revoke_user_sessions",
    "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL"};

const db::statement revoke_other_sessions_sql{"identity.revoke_other_sessions", R"sql(
UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id)sql"};

const db::statement revoke_own_session_sql{"identity.revoke_own_session", R"sql(
UPDATE sessions SET revoked_at = now() WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL RETURNING id)sql"};

// Every instance drops the session from its cache and closes its WebSockets when it reads this event.
void announce_revocation(pqxx::work& tx, std::int64_t user_id, std::optional<std::int64_t> session_id)
{
    nlohmann::json data{{"user_id", user_id},
                        {"session_id", session_id ? nlohmann::json(*session_id) : nlohmann::json()}};
    realtime::append_event(tx, realtime::sessions_channel, "session.revoked", data.dump());
}

std::string details(const nlohmann::json& value)
{
    return value.dump();
}

} // namespace

user read_user(const pqxx::row& row)
{
    user u;
    u.id = row[0].as<std::int64_t>();
    u.email = row[1].as<std::string>();
    u.display_name = row[2].as<std::string>();
    u.organisation_id = row[3].as<std::int64_t>();
    u.sector = parse_sector(row[4].as<std::string>()).value_or(sector::both);
    u.roles = parse_role_list(row[5].as<std::string>());
    u.disabled = row[6].as<bool>();
    u.created_at = row[7].as<std::string>();
    u.job_title = row[8].as<std::string>();
    u.ask_me_about = row[9].as<std::string>();
    u.listed = row[10].as<bool>();
    u.principal_social_worker = parse_psw_role(row[11].as<std::string>()).value_or(psw_role::none);
    return u;
}

std::vector<std::int64_t> end_sessions(pqxx::work& tx, std::int64_t user_id,
                                       std::optional<std::int64_t> keep_session_id)
{
    if (!keep_session_id) {
        db::exec(tx, revoke_user_sessions_sql, user_id);
        announce_revocation(tx, user_id, std::nullopt);
        return {};
    }
    std::vector<std::int64_t> ended;
    for (const auto& row : db::exec(tx, revoke_other_sessions_sql, user_id, *keep_session_id)) {
        ended.push_back(row[0].as<std::int64_t>());
        announce_revocation(tx, user_id, ended.back());
    }
    return ended;
}

bool end_session(pqxx::work& tx, std::int64_t user_id, std::int64_t session_id)
{
    if (db::exec(tx, revoke_own_session_sql, user_id, session_id).empty())
        return false;
    announce_revocation(tx, user_id, session_id);
    return true;
}

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

awaitable<std::optional<login_record>> store::find_login(std::string email)
{
    return pool_.read([email = std::move(email)](pqxx::read_transaction& tx) -> std::optional<login_record> {
        auto rows = db::exec(tx, find_login_sql, email);
        if (rows.empty())
            return std::nullopt;
        return login_record{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(), rows[0][2].as<bool>(),
                            rows[0][3].as<bool>()};
    });
}

awaitable<std::string> store::create_session(session_request request, audit_context who)
{
    return pool_.write([request = std::move(request), who = std::move(who)](pqxx::work& tx) {
        auto history = db::exec(tx, device_history_sql, request.user_id, request.device_hash).at(0);
        bool signed_in_before = history[0].as<bool>();
        bool known_device = history[1].as<bool>();
        if (signed_in_before && !known_device && request.new_device_notice)
            notifications::tell_account_holder(tx, *request.new_device_notice);
        auto row = db::exec(tx, create_session_sql, request.user_id, request.token_hash,
                            static_cast<double>(request.lifetime.count()), request.user_agent.substr(0, 300),
                            who.client_address, request.device_hash, request.identity_provider_id)
                       .at(0);
        auto actor = who;
        actor.actor_user_id = request.user_id;
        db::audit(tx, actor, {"session.created", "session", row[0].as<std::int64_t>()});
        return row[1].as<std::string>();
    });
}

awaitable<std::optional<principal>> store::principal_of(std::int64_t user_id)
{
    return pool_.query([user_id](pqxx::nontransaction& tx) -> std::optional<principal> {
        auto rows = db::exec(tx, principal_sql, user_id);
        if (rows.empty())
            return std::nullopt;
        principal p;
        p.user_id = rows[0][0].as<std::int64_t>();
        p.organisation_id = rows[0][1].as<std::int64_t>();
        p.sector = parse_sector(rows[0][2].as<std::string>()).value_or(sector::both);
        p.roles = parse_role_list(rows[0][3].as<std::string>());
        return p;
    });
}

awaitable<std::optional<principal>> store::authenticate(std::string token_hash, std::chrono::minutes idle, bool touch)
{
    // Runs on every request: one prepared statement in autocommit, and a write at most once a minute.
    return pool_.query(
        [token_hash = std::move(token_hash), idle, touch](pqxx::nontransaction& tx) -> std::optional<principal> {
            auto rows = db::exec(tx, authenticate_sql, token_hash, static_cast<int>(idle.count()));
            if (rows.empty())
                return std::nullopt;
            const auto& row = rows[0];
            principal p;
            p.session_id = row[0].as<std::int64_t>();
            p.user_id = row[1].as<std::int64_t>();
            p.organisation_id = row[2].as<std::int64_t>();
            p.sector = parse_sector(row[3].as<std::string>()).value_or(sector::both);
            p.roles = parse_role_list(row[4].as<std::string>());
            if (touch && row[5].as<bool>())
                db::exec(tx, touch_session_sql, p.session_id);
            return p;
        });
}

awaitable<std::optional<std::int64_t>> store::revoke_session(std::int64_t session_id, audit_context who)
{
    return pool_.write([session_id, who = std::move(who)](pqxx::work& tx) -> std::optional<std::int64_t> {
        auto revoked = db::exec(tx, revoke_session_sql, session_id);
        db::audit(tx, who, {"session.revoked", "session", session_id});
        if (revoked.empty())
            return std::nullopt;
        announce_revocation(tx, revoked[0][0].as<std::int64_t>(), session_id);
        return revoked[0][1].is_null() ? std::nullopt : std::optional(revoked[0][1].as<std::int64_t>());
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
        auto rows = db::exec(tx, find_user_sql, id);
        if (rows.empty())
            return std::nullopt;
        return read_user(rows[0]);
    });
}

bool email_in_use(pqxx::transaction_base& tx, const std::string& email)
{
    return !db::exec(tx, email_taken_sql, email).empty();
}

std::int64_t insert_user(pqxx::work& tx, const new_user& u, const std::string& password_hash)
{
    return db::exec(tx, create_user_sql, u.email, u.display_name, password_hash, u.organisation_id,
                    std::string(to_string(u.sector)), roles_text(u.roles))
        .at(0)[0]
        .as<std::int64_t>();
}

awaitable<bool> store::email_taken(std::string email)
{
    return pool_.read([email = std::move(email)](pqxx::read_transaction& tx) { return email_in_use(tx, email); });
}

awaitable<std::int64_t> store::create_user(new_user u, std::string password_hash, audit_context who)
{
    return pool_.write(
        [u = std::move(u), password_hash = std::move(password_hash), who = std::move(who)](pqxx::work& tx) {
            auto id = insert_user(tx, u, password_hash);
            db::audit(tx, who, {"user.created", "user", id, details({{"roles", roles_text(u.roles)}})});
            return id;
        });
}

awaitable<member_page> store::members(std::int64_t organisation_id, int limit, std::optional<std::int64_t> after_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) {
        member_page page;
        for (const auto& row : db::exec(tx, members_sql, organisation_id, after_id, limit + 1))
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
        auto erased = db::exec(tx, erased_sql, user_id);
        if (!disabled && !erased.empty() && erased[0][0].as<bool>())
            throw api_error(errc::conflict, "This account was deleted by its owner. It cannot be enabled again.");
        db::exec(tx, set_disabled_sql, user_id, disabled);
        if (disabled)
            end_sessions(tx, user_id);
        db::audit(tx, who, {disabled ? "user.disabled" : "user.enabled", "user", user_id});
        return read_user(db::exec(tx, find_user_sql, user_id).at(0));
    });
}

} // namespace pswnet::identity
