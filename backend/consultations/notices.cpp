// Notifications about consultations share the notifications table with discussions (consultation_id set instead
// of thread_id) and the same "notification.created" event shape.
#include "consultations/notices.hpp"

#include "realtime/event_log.hpp"

namespace pswnet::consultations::notices {
namespace {

constexpr const char* insert_notifications = R"sql(
INSERT INTO notifications (user_id, kind, consultation_id, actor_id)
SELECT p.id, $2, c.id, $3
FROM consultations c
JOIN people p ON p.active
JOIN organisation_directory o ON o.id = p.organisation_id AND o.kind = 'local_authority'
WHERE c.id = $1
  AND (c.audience = 'both' OR p.sector IN (c.audience, 'both'))
  AND NOT (p.roles && ARRAY['csw_office', 'network_admin'])
  AND ($3::bigint IS NULL OR p.id <> $3)
  AND (NOT $4 OR NOT EXISTS (
        SELECT 1 FROM consultation_responses r
        WHERE r.consultation_id = c.id AND r.submitted_version IS NOT NULL AND r.organisation_id = p.organisation_id
          AND (c.response_scope = 'organisation' OR r.user_id = p.id)))
RETURNING id, user_id, rfc3339(created_at), (SELECT title FROM consultations WHERE id = $1))sql";

constexpr const char* unread_count = "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";

} // namespace

int notify_audience(pqxx::work& tx, std::int64_t consultation_id, std::string_view kind,
                    std::optional<std::int64_t> actor_id, bool only_not_responded)
{
    auto rows = tx.exec_params(insert_notifications, consultation_id, std::string(kind), actor_id, only_not_responded);
    nlohmann::json actor = nullptr;
    if (actor_id && !rows.empty()) {
        auto a = tx.exec_params1("SELECT id, display_name, organisation_id, organisation_name, organisation_code "
                                 "FROM people WHERE id = $1",
                                 *actor_id);
        actor = {
            {"id", a[0].as<std::int64_t>()},
            {"display_name", a[1].as<std::string>()},
            {"organisation",
             {{"id", a[2].as<std::int64_t>()}, {"name", a[3].as<std::string>()}, {"code", a[4].as<std::string>()}}}};
    }
    for (const auto& row : rows) {
        auto user_id = row[1].as<std::int64_t>();
        nlohmann::json note{{"id", row[0].as<std::int64_t>()},
                            {"kind", kind},
                            {"thread_id", nullptr},
                            {"post_id", nullptr},
                            {"thread_title", nullptr},
                            {"consultation_id", consultation_id},
                            {"consultation_title", row[3].as<std::string>()},
                            {"resource_id", nullptr},
                            {"resource_title", nullptr},
                            {"actor", actor},
                            {"created_at", row[2].as<std::string>()},
                            {"read", false}};
        auto unread = tx.exec_params1(unread_count, user_id)[0].as<int>();
        realtime::append_event(tx, "user:" + std::to_string(user_id), "notification.created",
                               nlohmann::json{{"notification", std::move(note)}, {"unread_count", unread}}.dump());
    }
    return static_cast<int>(rows.size());
}

void consultation_event(pqxx::work& tx, std::int64_t consultation_id, std::string_view type, const nlohmann::json& data)
{
    realtime::append_event(tx, "consultation:" + std::to_string(consultation_id), type, data.dump());
}

} // namespace pswnet::consultations::notices
