#include "identity/account_store.hpp"

#include "core/error.hpp"
#include "db/audit.hpp"
#include "db/statement.hpp"
#include "identity/account_emails.hpp"
#include "identity/device_name.hpp"
#include "identity/store.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::identity {
namespace {

const db::statement update_profile_sql{"identity.update_profile", R"sql(
UPDATE users SET display_name = coalesce($2, display_name), job_title = coalesce($3, job_title),
                 sector = coalesce($4, sector), ask_me_about = coalesce($5, ask_me_about),
                 listed = coalesce($6, listed), principal_social_worker = coalesce($7, principal_social_worker)
WHERE id = $1)sql"};

const db::statement find_user_sql{"identity.account_user",
                                  std::string("SELECT ") + user_columns + " FROM users u WHERE u.id = $1"};

const db::statement password_hash_sql{"identity.password_hash",
                                      "SELECT password_hash FROM users WHERE id = $1 AND disabled_at IS NULL"};

const db::statement set_password_sql{"identity.set_password", "UPDATE users SET password_hash = $2 WHERE id = $1"};

const db::statement sessions_sql{"identity.own_sessions", R"sql(
SELECT id, coalesce(user_agent, ''), coalesce(client_address, ''), rfc3339(created_at), rfc3339(last_seen_at)
FROM sessions
WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
  AND last_seen_at > now() - make_interval(mins => $2)
ORDER BY last_seen_at DESC, id DESC
LIMIT 100)sql"};

// Locks the account, so that two requests at once cannot both pass the hourly limit or both leave a link live.
const db::statement active_user_by_email_sql{
    "identity.active_user_by_email",
    "SELECT id, email, display_name FROM users WHERE email = lower($1) AND disabled_at IS NULL FOR UPDATE"};

const db::statement lock_user_sql{"identity.lock_user", "SELECT 1 FROM users WHERE id = $1 FOR UPDATE"};

const db::statement addressee_sql{"identity.addressee", "SELECT id, email, display_name FROM users WHERE id = $1"};

const db::statement recent_links_sql{"identity.recent_account_links", R"sql(
SELECT count(*) FROM account_tokens
WHERE user_id = $1 AND purpose = $2 AND created_at > now() - interval '1 hour')sql"};

const db::statement end_older_links_sql{"identity.end_older_account_links", R"sql(
UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL)sql"};

// A changed password or address ends every link still out: one sent by someone who had the old password (an
// email change to their own address) must not outlive a reset.
const db::statement end_all_links_sql{"identity.end_all_account_links", R"sql(
UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL)sql"};

const db::statement spent_link_sql{"identity.spent_account_link", R"sql(
INSERT INTO account_tokens (token_hash, purpose, user_id, new_email, expires_at, used_at)
VALUES ($1, 'email_change', $2, $3, now(), now()))sql"};

const db::statement insert_link_sql{"identity.insert_account_link", R"sql(
INSERT INTO account_tokens (token_hash, purpose, user_id, new_email, expires_at)
VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
RETURNING id)sql"};

const db::statement find_link_sql{"identity.find_account_link", R"sql(
SELECT t.id, t.user_id, coalesce(t.new_email, u.email)
FROM account_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > now()
  AND u.disabled_at IS NULL)sql"};

const db::statement lock_link_sql{"identity.lock_account_link", R"sql(
SELECT t.id, t.user_id, coalesce(t.new_email, u.email)
FROM account_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > now()
  AND u.disabled_at IS NULL
FOR UPDATE OF t)sql"};

const db::statement email_taken_by_other_sql{"identity.email_taken_by_other",
                                             "SELECT 1 FROM users WHERE email = lower($1) AND id <> $2"};

const db::statement set_email_sql{"identity.set_email", "UPDATE users SET email = lower($2) WHERE id = $1"};

std::string purpose_name(account_link purpose)
{
    return purpose == account_link::password_reset ? "password_reset" : "email_change";
}

bool under_hourly_limit(pqxx::work& tx, std::int64_t user_id, account_link purpose)
{
    return db::exec(tx, recent_links_sql, user_id, purpose_name(purpose)).at(0)[0].as<int>() <
           max_account_links_per_hour;
}

std::int64_t insert_link(pqxx::work& tx, account_link purpose, std::int64_t user_id, const std::string& token_hash,
                         std::optional<std::string> new_email, std::chrono::seconds lifetime)
{
    db::exec(tx, end_older_links_sql, user_id, purpose_name(purpose));
    return db::exec(tx, insert_link_sql, token_hash, purpose_name(purpose), user_id, new_email,
                    static_cast<double>(lifetime.count()))
        .at(0)[0]
        .as<std::int64_t>();
}

// Locks a usable link for its use (end_all_links_sql then spends it); none when it is unknown, used, expired or its
// account disabled.
std::optional<account_link_target> lock_link(pqxx::work& tx, const std::string& token_hash, account_link purpose)
{
    auto rows = db::exec(tx, lock_link_sql, token_hash, purpose_name(purpose));
    if (rows.empty())
        return std::nullopt;
    return account_link_target{rows[0][1].as<std::int64_t>(), rows[0][2].as<std::string>()};
}

audit_context as_user(audit_context who, std::int64_t user_id)
{
    who.actor_user_id = user_id;
    return who;
}

addressee read_addressee(const pqxx::row& row)
{
    return {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()};
}

} // namespace

addressee addressee_of(pqxx::work& tx, std::int64_t user_id)
{
    return read_addressee(db::exec(tx, addressee_sql, user_id).at(0));
}

awaitable<user> account_store::update_profile(std::int64_t user_id, profile_update update, audit_context who)
{
    return pool_.write([user_id, update = std::move(update), who = std::move(who)](pqxx::work& tx) {
        std::optional<std::string> sector;
        if (update.sector)
            sector = std::string(to_string(*update.sector));
        std::optional<std::string> psw;
        if (update.principal_social_worker)
            psw = std::string(to_string(*update.principal_social_worker));
        db::exec(tx, update_profile_sql, user_id, update.display_name, update.job_title, sector, update.ask_me_about,
                 update.listed, psw);
        db::audit(tx, who, {"user.profile_changed", "user", user_id});
        return read_user(db::exec(tx, find_user_sql, user_id).at(0));
    });
}

awaitable<std::optional<std::string>> account_store::password_hash(std::int64_t user_id)
{
    return pool_.read([user_id](pqxx::read_transaction& tx) -> std::optional<std::string> {
        auto rows = db::exec(tx, password_hash_sql, user_id);
        if (rows.empty())
            return std::nullopt;
        return rows[0][0].as<std::string>();
    });
}

awaitable<std::vector<std::int64_t>> account_store::change_password(std::int64_t user_id,
                                                                    std::int64_t current_session_id,
                                                                    std::string password_hash, audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) {
        db::exec(tx, set_password_sql, user_id, password_hash);
        db::exec(tx, end_all_links_sql, user_id);
        auto ended = end_sessions(tx, user_id, current_session_id);
        db::audit(tx, who, {"user.password_changed", "user", user_id});
        notifications::tell_account_holder(tx, password_changed_notice(addressee_of(tx, user_id)));
        return ended;
    });
}

awaitable<std::vector<session_summary>> account_store::sessions(std::int64_t user_id, std::chrono::minutes idle)
{
    return pool_.read([user_id, idle](pqxx::read_transaction& tx) {
        std::vector<session_summary> found;
        for (const auto& row : db::exec(tx, sessions_sql, user_id, static_cast<int>(idle.count())))
            found.push_back({.id = row[0].as<std::int64_t>(),
                             .device = device_name(row[1].as<std::string>()),
                             .client_address = row[2].as<std::string>(),
                             .created_at = row[3].as<std::string>(),
                             .last_seen_at = row[4].as<std::string>()});
        return found;
    });
}

awaitable<bool> account_store::end_session(std::int64_t user_id, std::int64_t session_id, audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) {
        if (!identity::end_session(tx, user_id, session_id))
            return false;
        db::audit(tx, who, {"session.revoked", "session", session_id});
        return true;
    });
}

awaitable<void> account_store::end_all_sessions(std::int64_t user_id, audit_context who)
{
    return pool_.write([user_id, who = std::move(who)](pqxx::work& tx) {
        end_sessions(tx, user_id);
        db::audit(tx, who, {"user.signed_out_everywhere", "user", user_id});
    });
}

awaitable<void> account_store::issue_password_reset(std::string email, std::string token_hash, std::string token,
                                                    audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) {
        // Every request is audited, with what came of it but not the address, which may be nobody's.
        auto outcome = [&](const char* what, std::optional<std::int64_t> link_id) {
            db::audit(
                tx, who,
                {"user.password_reset_requested", "account_link", link_id, nlohmann::json{{"outcome", what}}.dump()});
        };
        auto rows = db::exec(tx, active_user_by_email_sql, email);
        if (rows.empty())
            return outcome("no_account", std::nullopt);
        auto to = read_addressee(rows[0]);
        if (!under_hourly_limit(tx, to.user_id, account_link::password_reset))
            return outcome("hourly_limit", std::nullopt);
        auto id = insert_link(tx, account_link::password_reset, to.user_id, token_hash, std::nullopt,
                              password_reset_lifetime);
        outcome("sent", id);
        notifications::enqueue(tx, password_reset_message(to, token));
    });
}

awaitable<email_change_outcome> account_store::issue_email_change(std::int64_t user_id, std::string new_email,
                                                                  std::string token_hash, std::string token,
                                                                  audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) {
        db::exec(tx, lock_user_sql, user_id);
        if (!under_hourly_limit(tx, user_id, account_link::email_change)) {
            api_error limited(errc::rate_limited,
                              "You have asked to change your email address too often. Try again in an hour.");
            limited.retry_after_seconds = 3600;
            throw limited;
        }
        if (!db::exec(tx, email_taken_by_other_sql, new_email, user_id).empty()) {
            db::exec(tx, spent_link_sql, token_hash, user_id, new_email);
            return email_change_outcome::address_taken;
        }
        auto id = insert_link(tx, account_link::email_change, user_id, token_hash, new_email, email_change_lifetime);
        db::audit(tx, who, {"user.email_change_requested", "account_link", id});
        notifications::enqueue(tx, email_confirmation_message(addressee_of(tx, user_id), new_email, token));
        return email_change_outcome::link_sent;
    });
}

awaitable<std::optional<account_link_target>> account_store::find_link(std::string token_hash, account_link purpose)
{
    return pool_.read([=](pqxx::read_transaction& tx) -> std::optional<account_link_target> {
        auto rows = db::exec(tx, find_link_sql, token_hash, purpose_name(purpose));
        if (rows.empty())
            return std::nullopt;
        return account_link_target{rows[0][1].as<std::int64_t>(), rows[0][2].as<std::string>()};
    });
}

awaitable<std::optional<std::int64_t>> account_store::reset_password(std::string token_hash, std::string password_hash,
                                                                     audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) -> std::optional<std::int64_t> {
        auto link = lock_link(tx, token_hash, account_link::password_reset);
        if (!link)
            return std::nullopt;
        const auto& target = *link;
        db::exec(tx, set_password_sql, target.user_id, password_hash);
        db::exec(tx, end_all_links_sql, target.user_id);
        end_sessions(tx, target.user_id);
        db::audit(tx, as_user(who, target.user_id), {"user.password_reset", "user", target.user_id});
        notifications::tell_account_holder(tx, password_changed_notice(addressee_of(tx, target.user_id)));
        return target.user_id;
    });
}

awaitable<std::optional<account_link_target>> account_store::confirm_email_change(std::string token_hash,
                                                                                  audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) -> std::optional<account_link_target> {
        auto link = lock_link(tx, token_hash, account_link::email_change);
        if (!link)
            return std::nullopt;
        const auto& target = *link;
        if (!db::exec(tx, email_taken_by_other_sql, target.email, target.user_id).empty())
            throw api_error(errc::conflict, "Another account has started using this email address since the link "
                                            "was sent.");
        auto old_address = addressee_of(tx, target.user_id);
        db::exec(tx, set_email_sql, target.user_id, target.email);
        db::exec(tx, end_all_links_sql, target.user_id); // this one, and resets sent to the old address
        db::audit(tx, as_user(who, target.user_id), {"user.email_changed", "user", target.user_id});
        notifications::tell_account_holder(tx, email_changed_notice(old_address, target.email));
        return target;
    });
}

} // namespace pswnet::identity
