// Who hears of a consultation is consultations' rule (its audience, and for reminders only those who have not
// responded); how they hear of it is notifications'.
#include "consultations/notices.hpp"

#include "db/statement.hpp"
#include "notifications/notify.hpp"
#include "realtime/event_log.hpp"

namespace pswnet::consultations::notices {
namespace {

const db::statement audience_sql{"consultations.notice_audience", R"sql(
SELECT p.id
FROM consultations c
JOIN people p ON p.active
JOIN organisation_directory o ON o.id = p.organisation_id AND o.kind = 'local_authority'
WHERE c.id = $1
  AND (c.audience = 'both' OR p.sector IN (c.audience, 'both'))
  AND NOT (p.roles && ARRAY['csw_office', 'network_admin'])
  AND (NOT $2 OR NOT EXISTS (
        SELECT 1 FROM consultation_responses r
        WHERE r.consultation_id = c.id AND r.submitted_version IS NOT NULL AND r.organisation_id = p.organisation_id
          AND (c.response_scope = 'organisation' OR r.user_id = p.id)))
ORDER BY p.id)sql"};

const db::statement title_sql{"consultations.notice_title", "SELECT title FROM consultations WHERE id = $1"};

} // namespace

int notify_audience(pqxx::work& tx, std::int64_t consultation_id, std::string_view kind,
                    std::optional<std::int64_t> actor_id, bool only_not_responded)
{
    std::vector<std::int64_t> audience;
    for (const auto& row : db::exec(tx, audience_sql, consultation_id, only_not_responded))
        audience.push_back(row[0].as<std::int64_t>());
    auto title = db::exec(tx, title_sql, consultation_id)[0][0].as<std::string>();
    notifications::notice n{
        std::string(kind),
        {"consultation", consultation_id, title, "/consultations/" + std::to_string(consultation_id)},
        std::nullopt,
        actor_id,
        {}};
    return static_cast<int>(notifications::notify(tx, n, audience).size());
}

void consultation_event(pqxx::work& tx, std::int64_t consultation_id, std::string_view type, const nlohmann::json& data)
{
    realtime::append_event(tx, "consultation:" + std::to_string(consultation_id), type, data.dump());
}

} // namespace pswnet::consultations::notices
