// Writing audit rows.
#include "db/audit.hpp"

#include "db/statement.hpp"

namespace pswnet::db {
namespace {

const statement insert_audit{"audit.insert", "SELECT record_audit($1, $2, $3, $4, $5, $6, $7::jsonb)"};

const statement history_sql{"audit.history_of", R"sql(
SELECT coalesce(jsonb_agg(jsonb_build_object(
    'action', action, 'object_type', object_type, 'object_id', object_id, 'at', rfc3339(occurred_at),
    'address', CASE WHEN actor_user_id = $1 THEN client_address END,
    'by_you', actor_user_id IS NOT DISTINCT FROM $1) ORDER BY id), '[]')::text
FROM audit_log WHERE actor_user_id = $1 OR (object_type = 'user' AND object_id = $1))sql"};

const statement forget_old_sql{"audit.forget_old", R"sql(
WITH old AS (
    SELECT id FROM audit_log WHERE occurred_at < now() - make_interval(days => $1) ORDER BY occurred_at LIMIT $2),
gone AS (DELETE FROM audit_log a USING old WHERE a.id = old.id RETURNING 1)
SELECT count(*) FROM gone)sql"};

} // namespace

void audit(pqxx::work& tx, const audit_context& who, const audit_entry& entry)
{
    exec(tx, insert_audit, who.actor_user_id, entry.action, entry.object_type, entry.object_id, who.request_id,
         who.client_address, entry.details_json);
}

nlohmann::json history_of(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(exec(tx, history_sql, user_id).at(0)[0].as<std::string>());
}

int forget_old_audit(pqxx::work& tx, std::chrono::days retention, int batch)
{
    return exec(tx, forget_old_sql, static_cast<int>(retention.count()), batch).at(0)[0].as<int>();
}

} // namespace pswnet::db
