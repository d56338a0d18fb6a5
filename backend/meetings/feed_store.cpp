#include "meetings/feed_store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"
#include "meetings/rows.hpp"

namespace pswnet::meetings {
namespace {

const db::statement made_sql{"calendar_feeds.made_at",
                             "SELECT rfc3339(created_at) FROM calendar_feeds WHERE person_id = $1"};

const db::statement replace_sql{"calendar_feeds.replace", R"sql(
INSERT INTO calendar_feeds (person_id, token_hash) VALUES ($1, $2)
ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = now()
RETURNING rfc3339(created_at))sql"};

const db::statement revoke_sql{"calendar_feeds.revoke", "DELETE FROM calendar_feeds WHERE person_id = $1 RETURNING 1"};

const db::statement owner_sql{"calendar_feeds.owner", R"sql(
SELECT f.person_id FROM calendar_feeds f JOIN people p ON p.id = f.person_id WHERE f.token_hash = $1 AND p.active)sql"};

// Members read their groups' content, whatever its privacy.
const db::statement meetings_sql{"calendar_feeds.meetings",
                                 std::string("SELECT") + rows::meeting_columns + rows::meeting_from + R"sql(
WHERE m.group_id IN (SELECT group_id FROM group_membership WHERE person_id = $1)
  AND m.ends_at > now() - make_interval(days => $2)
ORDER BY m.starts_at, m.id
LIMIT $3)sql"};

} // namespace

awaitable<std::optional<std::string>> feed_store::made_at(std::int64_t person_id)
{
    return pool_.read([person_id](pqxx::read_transaction& tx) -> std::optional<std::string> {
        auto found = db::exec(tx, made_sql, person_id);
        if (found.empty())
            return std::nullopt;
        return found[0][0].as<std::string>();
    });
}

awaitable<std::string> feed_store::replace(std::int64_t person_id, const std::string& token_hash, audit_context audit)
{
    return pool_.write([person_id, token_hash, audit = std::move(audit)](pqxx::work& tx) {
        auto made = db::exec(tx, replace_sql, person_id, token_hash).at(0)[0].as<std::string>();
        db::audit(tx, audit, {"calendar_feed.created", "user", person_id});
        return made;
    });
}

awaitable<void> feed_store::revoke(std::int64_t person_id, audit_context audit)
{
    return pool_.write([person_id, audit = std::move(audit)](pqxx::work& tx) {
        if (!db::exec(tx, revoke_sql, person_id).empty())
            db::audit(tx, audit, {"calendar_feed.revoked", "user", person_id});
    });
}

awaitable<std::optional<std::int64_t>> feed_store::owner(const std::string& token_hash)
{
    return pool_.read([token_hash](pqxx::read_transaction& tx) -> std::optional<std::int64_t> {
        auto found = db::exec(tx, owner_sql, token_hash);
        if (found.empty())
            return std::nullopt;
        return found[0][0].as<std::int64_t>();
    });
}

awaitable<std::vector<meeting>> feed_store::meetings_of(std::int64_t person_id)
{
    return pool_.read([person_id](pqxx::read_transaction& tx) {
        std::vector<meeting> result;
        for (const auto& row : db::exec(tx, meetings_sql, person_id, feed_days_back, max_feed_meetings))
            result.push_back(rows::read_meeting(row));
        return result;
    });
}

} // namespace pswnet::meetings
