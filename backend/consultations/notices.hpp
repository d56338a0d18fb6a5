// What others should see of a consultation, written inside the transaction of the change: notifications to the
// audience's members (through notifications::notify) and events on consultation:{id}.
#pragma once

#include <pqxx/pqxx>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pswnet::consultations {

// The SQL condition on organisation_directory o that it answers a consultation for `audience` (an SQL expression):
// a local authority; or an NHS trust, children's trust or community interest company that runs the services the
// consultation is about.
std::string respondent_sql(std::string_view audience);

} // namespace pswnet::consultations

namespace pswnet::consultations::notices {

// Members of the consultation's audience: people of local authorities whose sector matches (never office users);
// with only_not_responded, only those whose organisation (or, for individual responses, who) has not submitted.
// Returns how many were notified.
int notify_audience(pqxx::work& tx, std::int64_t consultation_id, std::string_view kind,
                    std::optional<std::int64_t> actor_id, bool only_not_responded);

void consultation_event(pqxx::work& tx, std::int64_t consultation_id, std::string_view type,
                        const nlohmann::json& data);

} // namespace pswnet::consultations::notices
