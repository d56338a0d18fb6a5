#include "forum/person_data.hpp"

#include "db/statement.hpp"

namespace pswnet::forum::person_data {
namespace {

const db::statement held_sql{"forum.held_about", R"sql(
SELECT jsonb_build_object(
  'threads_started', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'id', t.id, 'title', t.title, 'kind', t.kind, 'sector', t.sector, 'tags', to_jsonb(t.tags),
      'audience', t.audience, 'created_at', rfc3339(t.created_at)) ORDER BY t.id)
    FROM threads t WHERE t.author_id = $1), '[]'),
  'posts', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'id', p.id, 'thread_id', p.thread_id, 'thread_title', t.title, 'text', p.body_markdown,
      'created_at', rfc3339(p.created_at), 'edited_at', rfc3339(p.edited_at),
      'hidden_by_moderators', p.hidden_at IS NOT NULL) ORDER BY p.id)
    FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = $1), '[]'),
  'following', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'thread_id', s.thread_id, 'since', rfc3339(s.created_at)) ORDER BY s.thread_id)
    FROM thread_subscriptions s WHERE s.user_id = $1), '[]'),
  'reactions', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'post_id', r.post_id, 'reaction', r.kind, 'at', rfc3339(r.created_at)) ORDER BY r.created_at, r.post_id)
    FROM post_reactions r WHERE r.user_id = $1), '[]'),
  'flags', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'post_id', f.post_id, 'reason', f.reason, 'at', rfc3339(f.created_at), 'resolution', f.resolution)
      ORDER BY f.id)
    FROM post_flags f WHERE f.flagged_by = $1), '[]'))::text)sql"};

const db::statement forget_follows_sql{"forum.forget_follows", "DELETE FROM thread_subscriptions WHERE user_id = $1"};
const db::statement forget_views_sql{"forum.forget_views", "DELETE FROM thread_views WHERE user_id = $1"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

void forget(pqxx::work& tx, std::int64_t user_id)
{
    db::exec(tx, forget_follows_sql, user_id);
    db::exec(tx, forget_views_sql, user_id);
}

} // namespace pswnet::forum::person_data
