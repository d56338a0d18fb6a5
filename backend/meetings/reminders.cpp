#include "meetings/reminders.hpp"

#include "db/statement.hpp"
#include "meetings/action_notices.hpp"
#include "meetings/action_rows.hpp"
#include "meetings/meeting_notices.hpp"

namespace pswnet::meetings {
namespace {

const db::statement due_meetings{"reminders.meetings", R"sql(
UPDATE meetings SET reminded_at = coalesce($1::timestamptz, now())
WHERE cancelled_at IS NULL AND reminded_at IS NULL
  AND starts_at > coalesce($1::timestamptz, now())
  AND starts_at <= coalesce($1::timestamptz, now()) + interval '24 hours'
RETURNING id, group_id, title)sql"};

// The day before it is due and the day itself, once each, in Europe/London.
const db::statement due_actions{"reminders.actions", R"sql(
WITH today AS (SELECT (coalesce($1::timestamptz, now()) AT TIME ZONE 'Europe/London')::date AS day)
UPDATE group_actions a SET reminded_on = today.day
FROM today
WHERE a.done_at IS NULL AND a.due_on BETWEEN today.day AND today.day + 1
  AND (a.reminded_on IS NULL OR a.reminded_on < today.day)
RETURNING a.id, a.due_on = today.day)sql"};

const db::statement action_sql{"reminders.action",
                               std::string("SELECT") + rows::action_columns + rows::action_from + "WHERE a.id = $1"};

} // namespace

awaitable<reminder_run> reminders::send_due(std::optional<std::string> at)
{
    return pool_.write([at](pqxx::work& tx) {
        reminder_run run;
        for (const auto& row : db::exec(tx, due_meetings, at)) {
            meeting_notices::reminder(tx,
                                      {row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<std::string>()});
            ++run.meetings;
        }
        for (const auto& row : db::exec(tx, due_actions, at)) {
            auto a = rows::read_action(db::exec(tx, action_sql, row[0].as<std::int64_t>()).at(0));
            action_notices::reminder(tx, a, row[1].as<bool>());
            ++run.actions;
        }
        return run;
    });
}

} // namespace pswnet::meetings
