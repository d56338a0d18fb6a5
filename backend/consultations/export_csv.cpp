// Submitted responses as CSV, one row each (with its service, for a consultation of both services) and a column per
// question (written by core/csv).
#include "consultations/export_csv.hpp"

#include "core/csv.hpp"

namespace pswnet::consultations {
namespace {

std::string answer_text(const answer& a)
{
    if (const auto* text = std::get_if<std::string>(&a))
        return csv::text(*text);
    if (const auto* chosen = std::get_if<std::vector<std::string>>(&a)) {
        std::string joined;
        for (const auto& c : *chosen)
            joined += (joined.empty() ? "" : "; ") + c;
        return csv::text(joined);
    }
    return csv::number(std::get<double>(a));
}

} // namespace

std::string responses_csv(const consultation& c, const std::vector<submitted_response>& responses)
{
    csv::writer out;
    std::vector<std::string> heading{"response_id", "organisation_code", "organisation_name",
                                     "service",     "submitted_by",      "submitted_at"};
    for (const auto& q : c.questions)
        heading.push_back(csv::text(q.key));
    out.row(heading);
    for (const auto& r : responses) {
        std::vector<std::string> cells{
            csv::integer(r.response_id),       csv::text(r.organisation.code),         csv::text(r.organisation.name),
            csv::text(r.service.value_or("")), csv::text(r.submitted_by.display_name), csv::text(r.submitted_at)};
        for (const auto& q : c.questions) {
            auto found = r.answers.find(q.key);
            cells.push_back(found == r.answers.end() ? std::string() : answer_text(found->second));
        }
        out.row(cells);
    }
    return out.str();
}

} // namespace pswnet::consultations
