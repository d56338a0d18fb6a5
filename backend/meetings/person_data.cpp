#include "meetings/person_data.hpp"

#include "db/statement.hpp"

namespace pswnet::meetings::person_data {
namespace {

const db::statement held_sql{"meetings.held_about", R"sql(
SELECT jsonb_build_object(
  'answers', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'meeting_id', m.id, 'meeting', m.title, 'answer', r.answer, 'at', rfc3339(r.answered_at)) ORDER BY m.id)
    FROM meeting_rsvps r JOIN meetings m ON m.id = r.meeting_id WHERE r.person_id = $1), '[]'),
  'actions', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'action_id', a.id, 'group', g.name, 'title', a.title, 'due_on', to_char(a.due_on, 'YYYY-MM-DD'),
      'done', a.done_at IS NOT NULL) ORDER BY a.id)
    FROM group_actions a JOIN group_directory g ON g.id = a.group_id WHERE a.owner_id = $1), '[]'),
  'calendar_feed', (SELECT jsonb_build_object('created_at', rfc3339(f.created_at))
    FROM calendar_feeds f WHERE f.person_id = $1))::text)sql"};

const db::statement forget_answers{"meetings.forget_answers", "DELETE FROM meeting_rsvps WHERE person_id = $1"};
const db::statement forget_feed{"meetings.forget_feed", "DELETE FROM calendar_feeds WHERE person_id = $1"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

void forget(pqxx::work& tx, std::int64_t user_id)
{
    db::exec(tx, forget_answers, user_id);
    db::exec(tx, forget_feed, user_id);
}

} // namespace pswnet::meetings::person_data
