// CSV writing. Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
#include "consultations/export_csv.hpp"

#include <charconv>
#include <sstream>

namespace pswnet::consultations {
namespace {

std::string cell(std::string text)
{
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
        text.insert(text.begin(), '\'');
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted.push_back('"');
        quoted.push_back(c);
    }
    return quoted + "\"";
}

std::string answer_text(const answer& a)
{
    if (const auto* text = std::get_if<std::string>(&a))
        return cell(*text);
    if (const auto* chosen = std::get_if<std::vector<std::string>>(&a)) {
        std::string joined;
        for (const auto& c : *chosen)
            joined += (joined.empty() ? "" : "; ") + c;
        return cell(joined);
    }
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::get<double>(a));
    return std::string(buffer, end);
}

} // namespace

std::string responses_csv(const consultation& c, const std::vector<submitted_response>& responses)
{
    std::ostringstream out;
    out << "\xEF\xBB\xBF" << "response_id,organisation_code,organisation_name,submitted_by,submitted_at";
    for (const auto& q : c.questions)
        out << ',' << q.key;
    out << "\r\n";
    for (const auto& r : responses) {
        out << r.response_id << ',' << cell(r.organisation.code) << ',' << cell(r.organisation.name) << ','
            << cell(r.submitted_by.display_name) << ',' << r.submitted_at;
        for (const auto& q : c.questions) {
            out << ',';
            if (auto found = r.answers.find(q.key); found != r.answers.end())
                out << answer_text(found->second);
        }
        out << "\r\n";
    }
    return out.str();
}

} // namespace pswnet::consultations
