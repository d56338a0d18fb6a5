// The throttle's counters: one row per key, updated in one statement per failure.
#include "identity/login_throttle.hpp"

#include "db/statement.hpp"

#include <algorithm>

namespace pswnet::identity {
namespace {

const db::statement wait_sql{"identity.throttle_wait", R"sql(
SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int FROM login_throttle
WHERE key = ANY(string_to_array($1, chr(31))) AND blocked_until > now())sql"};

// Counts one more failure (starting again when the last is older than $2 seconds) and returns the count.
const db::statement failure_sql{"identity.throttle_failure", R"sql(
INSERT INTO login_throttle AS t (key, failures, last_failure_at) VALUES ($1, 1, now())
ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
    last_failure_at = now()
RETURNING failures)sql"};

const db::statement block_sql{
    "identity.throttle_block",
    "UPDATE login_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE key = $1"};

const db::statement forget_sql{"identity.throttle_forget", "DELETE FROM login_throttle WHERE key = $1"};

} // namespace

std::chrono::seconds backoff_after(int failures, const throttle_rule& rule)
{
    int over = failures - rule.free_failures;
    if (over <= 0)
        return std::chrono::seconds(0);
    // 2^(over-1) seconds, computed without overflow.
    auto wait = std::chrono::seconds(1);
    for (int i = 1; i < over && wait < rule.longest_wait; ++i)
        wait *= 2;
    return std::min(wait, rule.longest_wait);
}

std::vector<throttle_key> throttle_keys(const std::string& email, const std::string& client_address)
{
    return {{"account:" + email + " address:" + client_address, per_account_and_address},
            {"address:" + client_address, per_address}};
}

throttle_key password_reset_key(const std::string& client_address)
{
    return {"password-reset address:" + client_address, password_resets_per_address};
}

throttle_key single_sign_on_key(const std::string& client_address)
{
    return {"single-sign-on address:" + client_address, single_sign_on_starts_per_address};
}

throttle_key two_factor_key(std::int64_t user_id)
{
    return {"two-factor user:" + std::to_string(user_id), two_factor_codes_per_account};
}

awaitable<std::optional<std::chrono::seconds>> login_throttle::wait_for(std::vector<throttle_key> keys)
{
    std::string joined;
    for (const auto& k : keys)
        joined += (joined.empty() ? "" : "\x1F") + k.key;
    auto reading = database_.read([joined = std::move(joined)](pqxx::read_transaction& tx) -> std::optional<int> {
        auto row = db::exec(tx, wait_sql, joined).at(0);
        return row[0].is_null() ? std::nullopt : std::optional<int>(row[0].as<int>());
    });
    auto seconds = co_await std::move(reading);
    if (!seconds)
        co_return std::nullopt;
    co_return std::chrono::seconds(std::max(1, *seconds));
}

awaitable<void> login_throttle::record_failure(std::vector<throttle_key> keys)
{
    co_await database_.write([keys = std::move(keys)](pqxx::work& tx) {
        for (const auto& k : keys) {
            auto failures =
                db::exec(tx, failure_sql, k.key, static_cast<double>(k.rule.forget_after.count())).at(0)[0].as<int>();
            if (auto wait = backoff_after(failures, k.rule); wait.count() > 0)
                db::exec(tx, block_sql, k.key, static_cast<double>(wait.count()));
        }
    });
}

awaitable<void> login_throttle::forget(std::string key)
{
    co_await database_.write([key = std::move(key)](pqxx::work& tx) { db::exec(tx, forget_sql, key); });
}

} // namespace pswnet::identity
