#include "notifications/person_data.hpp"

#include "db/statement.hpp"

namespace pswnet::notifications::person_data {
namespace {

const db::statement held_sql{"notifications.held_about", R"sql(
SELECT jsonb_build_object(
  'settings', coalesce((SELECT jsonb_agg(jsonb_build_object('kind', s.kind, 'delivery', s.delivery) ORDER BY s.kind)
    FROM notification_settings s WHERE s.user_id = $1), '[]'),
  'digest_schedule', (SELECT jsonb_build_object('hour', d.hour, 'weekday', d.weekday)
    FROM digest_schedules d WHERE d.user_id = $1),
  'notifications', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'kind', n.kind, 'about', n.subject_title, 'link', n.subject_link, 'at', rfc3339(n.created_at),
      'read_at', rfc3339(n.read_at)) ORDER BY n.id)
    FROM notifications n WHERE n.user_id = $1), '[]'),
  'emails', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'to', o.recipient, 'subject', o.subject, 'status', o.status, 'queued_at', rfc3339(o.created_at),
      'sent_at', rfc3339(o.sent_at)) ORDER BY o.id)
    FROM outbox o WHERE o.user_id = $1 OR o.recipient = (SELECT email FROM mailboxes WHERE id = $1)), '[]'))::text)sql"};

// The notifications first: their triggers append to the person's unread count, which the next statement removes. The
// changes before the counter, as a fold takes them, so that a fold under way finishes first.
const db::statement forget_notifications_sql{"notifications.forget_notifications",
                                             "DELETE FROM notifications WHERE user_id = $1"};

const db::statement forget_unread_changes_sql{"notifications.forget_unread_changes",
                                              "DELETE FROM notification_unread_changes WHERE user_id = $1"};

const db::statement forget_sql{"notifications.forget_person", R"sql(
WITH count_gone AS (DELETE FROM notification_unread_counts WHERE user_id = $1),
     settings_gone AS (DELETE FROM notification_settings WHERE user_id = $1),
     schedule_gone AS (DELETE FROM digest_schedules WHERE user_id = $1),
     digests_gone AS (DELETE FROM digests WHERE user_id = $1),
     tokens_gone AS (DELETE FROM mail_tokens WHERE user_id = $1)
DELETE FROM outbox WHERE user_id = $1 OR recipient = (SELECT email FROM mailboxes WHERE id = $1))sql"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

void forget(pqxx::work& tx, std::int64_t user_id)
{
    db::exec(tx, forget_notifications_sql, user_id);
    db::exec(tx, forget_unread_changes_sql, user_id);
    db::exec(tx, forget_sql, user_id);
}

} // namespace pswnet::notifications::person_data
