#include "meetings/action_rows.hpp"

#include "db/nullable.hpp"

namespace pswnet::meetings::rows {

const char* const action_columns = R"sql(
    a.id, g.id, g.name, a.meeting_id, mt.title, a.title,
    p.id, p.display_name, p.organisation_id, p.organisation_name, p.organisation_code,
    to_char(a.due_on, 'YYYY-MM-DD'), rfc3339(a.done_at),
    a.done_at IS NULL AND a.due_on < (now() AT TIME ZONE 'Europe/London')::date, rfc3339(a.created_at))sql";

const char* const action_from = R"sql(
FROM group_actions a
JOIN group_directory g ON g.id = a.group_id
JOIN people p ON p.id = a.owner_id
LEFT JOIN meetings mt ON mt.id = a.meeting_id
)sql";

action read_action(const pqxx::row& row)
{
    action a;
    a.id = row[0].as<std::int64_t>();
    a.group = {row[1].as<std::int64_t>(), row[2].as<std::string>()};
    a.meeting_id = db::nullable<std::int64_t>(row[3]);
    a.meeting_title = db::nullable<std::string>(row[4]);
    a.title = row[5].as<std::string>();
    a.owner = {row[6].as<std::int64_t>(),
               row[7].as<std::string>(),
               {row[8].as<std::int64_t>(), row[9].as<std::string>(), row[10].as<std::string>()}};
    a.due_on = row[11].as<std::string>();
    a.done_at = db::nullable<std::string>(row[12]);
    a.overdue = row[13].as<bool>();
    a.created_at = row[14].as<std::string>();
    return a;
}

} // namespace pswnet::meetings::rows
