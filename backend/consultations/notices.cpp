// Who hears of a consultation is consultations' rule (policy::told_of_notice); how they hear of it is
// notifications'. The SQL only finds the candidates: active people of local authorities, with whether their
// response is in.
#include "consultations/notices.hpp"

#include "consultations/policy.hpp"
#include "db/statement.hpp"
#include "notifications/notify.hpp"
#include "realtime/event_log.hpp"

namespace pswnet::consultations {

std::string respondent_sql(std::string_view audience)
{
    const std::string a(audience);
    return "(o.kind = 'local_authority' OR (o.kind IN ('nhs_trust', 'childrens_trust', 'community_interest_company') "
           "AND (o.services = 'both' OR " +
           a + " = 'both' OR o.services = " + a + ")))";
}

} // namespace pswnet::consultations

namespace pswnet::consultations::notices {
namespace {

const db::statement candidates_sql{"consultations.notice_candidates", std::string(R"sql(
SELECT p.id, p.organisation_id, p.sector, array_to_string(p.roles, ','),
       EXISTS (SELECT 1 FROM consultation_responses r
               WHERE r.consultation_id = c.id AND r.submitted_version IS NOT NULL
                 AND r.organisation_id = p.organisation_id
                 AND (c.response_scope = 'organisation' OR r.user_id = p.id)
                 AND (r.service IS NULL OR p.sector = 'both' OR r.service = p.sector))
FROM consultations c
JOIN people p ON p.active
JOIN organisation_directory o ON o.id = p.organisation_id
WHERE c.id = $1 AND )sql") + respondent_sql("c.audience") + " ORDER BY p.id"};

const db::statement consultation_sql{"consultations.notice_subject",
                                     "SELECT title, audience FROM consultations WHERE id = $1"};

} // namespace

int notify_audience(pqxx::work& tx, std::int64_t consultation_id, std::string_view kind,
                    std::optional<std::int64_t> actor_id, bool only_not_responded)
{
    auto subject = db::exec(tx, consultation_sql, consultation_id).at(0);
    auto title = subject[0].as<std::string>();
    auto consultation_audience = subject[1].as<std::string>();
    std::vector<std::int64_t> audience;
    for (const auto& row : db::exec(tx, candidates_sql, consultation_id)) {
        principal person;
        person.user_id = row[0].as<std::int64_t>();
        person.organisation_id = row[1].as<std::int64_t>();
        person.sector = parse_sector(row[2].as<std::string>()).value_or(sector::both);
        person.roles = parse_role_list(row[3].as<std::string>());
        if (policy::told_of_notice(person, consultation_audience, row[4].as<bool>(), only_not_responded))
            audience.push_back(person.user_id);
    }
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
