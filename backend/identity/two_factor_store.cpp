// Secrets travel to and from PostgreSQL as hex text, decoded to bytea there.
#include "identity/two_factor_store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"
#include "identity/account_emails.hpp"
#include "identity/account_store.hpp"

#include <sodium.h>

#include <stdexcept>

namespace pswnet::identity {
namespace {

// The grace period runs from when the requirement first applied to the account: for a role that requires it, its
// creation or the service's starting to require it (two_factor_rollout), whichever is later; for an organisation's
// requirement, the later of that and the organisation's decision.
const db::statement find_sql{"identity.two_factor_find", R"sql(
WITH account AS (
  SELECT u.id, greatest(u.created_at, (SELECT started_at FROM two_factor_rollout)) AS required_from,
         u.roles && ARRAY['network_admin', 'csw_office'] AS by_role,
         p.two_factor_required_since AS organisation_since
  FROM users u LEFT JOIN organisation_sign_in_policies p ON p.organisation_id = u.organisation_id
  WHERE u.id = $1),
deadline AS (
  SELECT a.*, CASE WHEN a.by_role THEN a.required_from ELSE greatest(a.required_from, a.organisation_since) END
              + make_interval(days => $2) AS due
  FROM account a)
SELECT d.by_role, d.organisation_since IS NOT NULL, rfc3339(d.due), d.due < now(),
       t.confirmed_at IS NOT NULL, rfc3339(t.confirmed_at), encode(t.secret, 'hex'), coalesce(t.last_used_step, 0),
       (SELECT count(*) FROM two_factor_recovery_codes c WHERE c.user_id = d.id AND c.used_at IS NULL)::int
FROM deadline d LEFT JOIN two_factor_authenticators t ON t.user_id = d.id)sql"};

const db::statement begin_setup_sql{"identity.two_factor_begin", R"sql(
INSERT INTO two_factor_authenticators (user_id, secret) VALUES ($1, decode($2, 'hex'))
ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = now(), last_used_step = 0
  WHERE two_factor_authenticators.confirmed_at IS NULL
RETURNING 1)sql"};

const db::statement confirm_sql{"identity.two_factor_confirm", R"sql(
UPDATE two_factor_authenticators SET confirmed_at = now(), last_used_step = $2
WHERE user_id = $1 AND confirmed_at IS NULL AND last_used_step < $2 AND secret = decode($3, 'hex')
RETURNING 1)sql"};

const db::statement use_step_sql{"identity.two_factor_use_step", R"sql(
UPDATE two_factor_authenticators SET last_used_step = $2
WHERE user_id = $1 AND confirmed_at IS NOT NULL AND last_used_step < $2
RETURNING 1)sql"};

const db::statement use_recovery_code_sql{"identity.two_factor_use_recovery_code", R"sql(
UPDATE two_factor_recovery_codes c SET used_at = now()
FROM two_factor_authenticators t
WHERE c.user_id = $1 AND c.code_hash = $2 AND c.used_at IS NULL AND t.user_id = c.user_id
  AND t.confirmed_at IS NOT NULL
RETURNING (SELECT count(*) FROM two_factor_recovery_codes o
           WHERE o.user_id = $1 AND o.used_at IS NULL AND o.code_hash <> $2)::int)sql"};

const db::statement is_on_sql{"identity.two_factor_is_on", R"sql(
SELECT 1 FROM two_factor_authenticators WHERE user_id = $1 AND confirmed_at IS NOT NULL FOR UPDATE)sql"};

const db::statement forget_codes_sql{"identity.two_factor_forget_codes",
                                     "DELETE FROM two_factor_recovery_codes WHERE user_id = $1"};

const db::statement add_code_sql{"identity.two_factor_add_code",
                                 "INSERT INTO two_factor_recovery_codes (user_id, code_hash) VALUES ($1, $2)"};

const db::statement turn_off_sql{"identity.two_factor_turn_off", R"sql(
DELETE FROM two_factor_authenticators WHERE user_id = $1 AND confirmed_at IS NOT NULL RETURNING 1)sql"};

std::string hex_of(const std::string& bytes)
{
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    hex.pop_back();
    return hex;
}

std::string bytes_of(const std::string& hex)
{
    std::string bytes(hex.size() / 2, '\0');
    std::size_t length = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                       &length, nullptr) != 0)
        throw std::runtime_error("an authenticator secret is not hex");
    bytes.resize(length);
    return bytes;
}

void keep_recovery_codes(pqxx::work& tx, std::int64_t user_id, const std::vector<std::string>& code_hashes)
{
    db::exec(tx, forget_codes_sql, user_id);
    for (const auto& hash : code_hashes)
        db::exec(tx, add_code_sql, user_id, hash);
}

} // namespace

awaitable<two_factor_record> two_factor_store::find(std::int64_t user_id, std::chrono::days grace)
{
    return pool_.read([user_id, grace](pqxx::read_transaction& tx) {
        auto row = db::exec(tx, find_sql, user_id, static_cast<int>(grace.count())).at(0);
        two_factor_record found;
        found.required_by_role = row[0].as<bool>();
        found.required_by_organisation = row[1].as<bool>();
        found.setup_deadline = row[2].as<std::string>();
        found.past_deadline = row[3].as<bool>();
        found.enabled = row[4].as<bool>();
        if (!row[5].is_null())
            found.enabled_at = row[5].as<std::string>();
        if (!row[6].is_null())
            found.secret = bytes_of(row[6].as<std::string>());
        found.last_used_step = row[7].as<std::int64_t>();
        found.recovery_codes_left = row[8].as<int>();
        return found;
    });
}

awaitable<bool> two_factor_store::begin_setup(std::int64_t user_id, std::string secret, audit_context who)
{
    return pool_.write([=, who = std::move(who), secret = hex_of(secret)](pqxx::work& tx) {
        if (db::exec(tx, begin_setup_sql, user_id, secret).empty())
            return false;
        db::audit(tx, who, {"user.two_factor_setup_started", "user", user_id});
        return true;
    });
}

awaitable<bool> two_factor_store::confirm(std::int64_t user_id, std::string secret, std::int64_t step,
                                          std::vector<std::string> code_hashes, audit_context who)
{
    return pool_.write(
        [=, who = std::move(who), secret = hex_of(secret), code_hashes = std::move(code_hashes)](pqxx::work& tx) {
            if (db::exec(tx, confirm_sql, user_id, step, secret).empty())
                return false;
            keep_recovery_codes(tx, user_id, code_hashes);
            db::audit(tx, who, {"user.two_factor_on", "user", user_id});
            notifications::tell_account_holder(tx, two_factor_on_notice(addressee_of(tx, user_id)));
            return true;
        });
}

awaitable<bool> two_factor_store::use_step(std::int64_t user_id, std::int64_t step)
{
    return pool_.write([=](pqxx::work& tx) { return !db::exec(tx, use_step_sql, user_id, step).empty(); });
}

awaitable<std::optional<int>> two_factor_store::use_recovery_code(std::int64_t user_id, std::string code_hash,
                                                                  audit_context who)
{
    return pool_.write(
        [=, who = std::move(who), code_hash = std::move(code_hash)](pqxx::work& tx) -> std::optional<int> {
            auto rows = db::exec(tx, use_recovery_code_sql, user_id, code_hash);
            if (rows.empty())
                return std::nullopt;
            auto left = rows[0][0].as<int>();
            db::audit(tx, who, {"user.recovery_code_used", "user", user_id});
            notifications::tell_account_holder(tx, recovery_code_used_notice(addressee_of(tx, user_id), left));
            return left;
        });
}

awaitable<bool> two_factor_store::replace_recovery_codes(std::int64_t user_id, std::vector<std::string> code_hashes,
                                                         audit_context who)
{
    return pool_.write([=, who = std::move(who), code_hashes = std::move(code_hashes)](pqxx::work& tx) {
        if (db::exec(tx, is_on_sql, user_id).empty())
            return false;
        keep_recovery_codes(tx, user_id, code_hashes);
        db::audit(tx, who, {"user.recovery_codes_replaced", "user", user_id});
        return true;
    });
}

awaitable<bool> two_factor_store::turn_off(std::int64_t user_id, audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) {
        if (db::exec(tx, turn_off_sql, user_id).empty())
            return false;
        db::exec(tx, forget_codes_sql, user_id);
        db::audit(tx, who, {"user.two_factor_off", "user", user_id});
        notifications::tell_account_holder(tx, two_factor_off_notice(addressee_of(tx, user_id)));
        return true;
    });
}

} // namespace pswnet::identity
