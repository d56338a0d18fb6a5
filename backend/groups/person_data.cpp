#include "groups/person_data.hpp"

#include "db/statement.hpp"

namespace pswnet::groups::person_data {
namespace {

const db::statement held_sql{"groups.held_about", R"sql(
SELECT jsonb_build_object(
  'memberships', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'group_id', g.id, 'group', g.name, 'role', m.role, 'joined_at', rfc3339(m.joined_at)) ORDER BY g.id)
    FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.person_id = $1), '[]'),
  'requests_to_join', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'group_id', g.id, 'group', g.name, 'message', q.message, 'at', rfc3339(q.requested_at)) ORDER BY q.id)
    FROM group_join_requests q JOIN groups g ON g.id = q.group_id WHERE q.person_id = $1), '[]'))::text)sql"};

const db::statement forget_memberships{"groups.forget_memberships", "DELETE FROM group_members WHERE person_id = $1"};
const db::statement forget_requests{"groups.forget_requests", "DELETE FROM group_join_requests WHERE person_id = $1"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

void forget(pqxx::work& tx, std::int64_t user_id)
{
    db::exec(tx, forget_memberships, user_id);
    db::exec(tx, forget_requests, user_id);
}

} // namespace pswnet::groups::person_data
