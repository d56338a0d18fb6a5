#include "meetings/rows.hpp"

#include "db/nullable.hpp"

namespace pswnet::meetings::rows {

const char* const meeting_columns = R"sql(
    m.id, g.id, g.name, m.title,
    to_char(m.starts_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD'),
    to_char(m.starts_at AT TIME ZONE 'Europe/London', 'HH24:MI'),
    to_char(m.ends_at AT TIME ZONE 'Europe/London', 'HH24:MI'),
    rfc3339(m.starts_at), rfc3339(m.ends_at), m.location, m.online_url, m.agenda,
    o.id, o.display_name, o.organisation_id, o.organisation_name, o.organisation_code,
    rfc3339(m.cancelled_at), m.cancel_reason, m.sequence,
    c.going, c.maybe, c.not_going,
    (SELECT r.answer FROM meeting_rsvps r WHERE r.meeting_id = m.id AND r.person_id = $1),
    m.minutes_thread_id, m.starts_at <= now(), m.ends_at <= now(), rfc3339(m.created_at), rfc3339(m.updated_at))sql";

const char* const meeting_from = R"sql(
FROM meetings m
JOIN group_directory g ON g.id = m.group_id
JOIN people o ON o.id = m.organiser_id
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE r.answer = 'going') AS going,
           count(*) FILTER (WHERE r.answer = 'maybe') AS maybe,
           count(*) FILTER (WHERE r.answer = 'not_going') AS not_going
    FROM meeting_rsvps r WHERE r.meeting_id = m.id) c
)sql";

meeting read_meeting(const pqxx::row& row)
{
    meeting m;
    m.id = row[0].as<std::int64_t>();
    m.group = {row[1].as<std::int64_t>(), row[2].as<std::string>()};
    m.title = row[3].as<std::string>();
    m.date = row[4].as<std::string>();
    m.start_time = row[5].as<std::string>();
    m.end_time = row[6].as<std::string>();
    m.starts_at = row[7].as<std::string>();
    m.ends_at = row[8].as<std::string>();
    m.location = row[9].as<std::string>();
    m.online_url = db::nullable<std::string>(row[10]);
    m.agenda = row[11].as<std::string>();
    m.organiser = {row[12].as<std::int64_t>(),
                   row[13].as<std::string>(),
                   {row[14].as<std::int64_t>(), row[15].as<std::string>(), row[16].as<std::string>()}};
    m.cancelled_at = db::nullable<std::string>(row[17]);
    m.cancel_reason = db::nullable<std::string>(row[18]);
    m.sequence = row[19].as<int>();
    m.counts = {row[20].as<int>(), row[21].as<int>(), row[22].as<int>()};
    m.my_rsvp = db::nullable<std::string>(row[23]);
    m.minutes_thread_id = db::nullable<std::int64_t>(row[24]);
    m.started = row[25].as<bool>();
    m.ended = row[26].as<bool>();
    m.created_at = row[27].as<std::string>();
    m.updated_at = row[28].as<std::string>();
    return m;
}

} // namespace pswnet::meetings::rows
