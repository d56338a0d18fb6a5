#include "meetings/meeting_notices.hpp"

#include "db/statement.hpp"
#include "notifications/notify.hpp"
#include "realtime/event_log.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::meetings::meeting_notices {
namespace {

const db::statement members_sql{"meetings.group_members", R"sql(
SELECT m.person_id FROM group_membership m JOIN people p ON p.id = m.person_id
WHERE m.group_id = $1 AND p.active)sql"};

// Those who said they would or might come, and still belong to the group.
const db::statement coming_sql{"meetings.coming", R"sql(
SELECT r.person_id FROM meeting_rsvps r
JOIN meetings m ON m.id = r.meeting_id
JOIN group_membership g ON g.group_id = m.group_id AND g.person_id = r.person_id
JOIN people p ON p.id = r.person_id
WHERE r.meeting_id = $1 AND r.answer IN ('going', 'maybe') AND p.active)sql"};

const db::statement when_sql{"meetings.when", R"sql(
SELECT to_char(starts_at AT TIME ZONE 'Europe/London', 'FMDay FMDD FMMonth YYYY, HH24:MI') || ' to '
       || to_char(ends_at AT TIME ZONE 'Europe/London', 'HH24:MI')
FROM meetings WHERE id = $1)sql"};

std::vector<std::int64_t> ids_of(const pqxx::result& result)
{
    std::vector<std::int64_t> ids;
    ids.reserve(result.size());
    for (const auto& row : result)
        ids.push_back(row[0].as<std::int64_t>());
    return ids;
}

// "New meeting: East Midlands network (Tuesday 15 December 2026, 10:00 to 12:00)"
void tell(pqxx::work& tx, const about& m, std::string_view kind, std::string_view headline,
          std::optional<std::int64_t> actor, const std::vector<std::int64_t>& recipients)
{
    auto when = db::exec(tx, when_sql, m.meeting_id).at(0)[0].as<std::string>();
    notifications::notify(tx,
                          {std::string(kind),
                           {"meeting", m.meeting_id, std::string(headline) + ": " + m.title + " (" + when + ")",
                            "/groups/" + std::to_string(m.group_id) + "/meetings/" + std::to_string(m.meeting_id)},
                           std::nullopt,
                           actor,
                           {}},
                          recipients);
}

} // namespace

void arranged(pqxx::work& tx, const about& m, std::optional<std::int64_t> actor)
{
    tell(tx, m, "meeting", "New meeting", actor, ids_of(db::exec(tx, members_sql, m.group_id)));
}

void changed(pqxx::work& tx, const about& m, std::string_view headline, std::optional<std::int64_t> actor)
{
    tell(tx, m, "meeting", headline, actor, ids_of(db::exec(tx, coming_sql, m.meeting_id)));
}

void reminder(pqxx::work& tx, const about& m)
{
    tell(tx, m, "meeting_reminder", "Reminder", std::nullopt, ids_of(db::exec(tx, coming_sql, m.meeting_id)));
}

void event(pqxx::work& tx, const about& m, std::string_view type)
{
    realtime::append_event(tx, "group:" + std::to_string(m.group_id), type,
                           nlohmann::json{{"group_id", m.group_id}, {"meeting_id", m.meeting_id}}.dump());
}

} // namespace pswnet::meetings::meeting_notices
