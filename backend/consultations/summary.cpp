// The analysis. Percentages are of the responses that answered the question; only submitted versions count.
#include "consultations/summary.hpp"

#include "consultations/questions.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace pswnet::consultations {
namespace {

double percent(int part, int whole)
{
    return whole == 0 ? 0.0 : 100.0 * part / whole;
}

question_summary analyse_question(const question& q, const std::vector<question>& questions,
                                  const std::vector<submitted_response>& responses,
                                  const std::vector<answer_theme>& tags)
{
    question_summary s{q.key, q.text, q.type, 0, 0, {}, std::nullopt, std::nullopt, {}};
    std::vector<std::string> values;
    if (q.type == "single_choice" || q.type == "multi_choice")
        values = q.options;
    else if (q.type == "yes_no")
        values = {"yes", "no"};
    else if (q.type == "scale")
        values = {"1", "2", "3", "4", "5"};
    std::map<std::string, int> counts;
    std::vector<double> numbers;
    for (const auto& r : responses) {
        if (!is_asked(q, questions, r.answers))
            continue;
        ++s.asked;
        auto found = r.answers.find(q.key);
        if (found == r.answers.end())
            continue;
        const auto& value = found->second;
        if (const auto* text = std::get_if<std::string>(&value)) {
            if (text->find_first_not_of(" \t\r\n") == std::string::npos)
                continue;
            ++s.answered;
            if (q.type == "text") {
                text_answer a{r.response_id, r.organisation, r.service, *text, {}};
                for (const auto& tag : tags)
                    if (tag.response_id == r.response_id && tag.question_key == q.key)
                        a.themes.push_back(tag.theme_id);
                s.answers.push_back(std::move(a));
            } else
                ++counts[*text];
        } else if (const auto* chosen = std::get_if<std::vector<std::string>>(&value)) {
            if (chosen->empty())
                continue;
            ++s.answered;
            for (const auto& c : *chosen)
                ++counts[c];
        } else {
            double number = std::get<double>(value);
            ++s.answered;
            numbers.push_back(number);
            if (q.type == "scale")
                ++counts[std::to_string(static_cast<int>(number))];
        }
    }
    for (const auto& v : values)
        s.options.push_back({v, counts[v], percent(counts[v], s.answered)});
    if ((q.type == "scale" || q.type == "number") && !numbers.empty()) {
        s.mean = std::accumulate(numbers.begin(), numbers.end(), 0.0) / static_cast<double>(numbers.size());
        s.median = median_of(numbers);
    }
    return s;
}

} // namespace

std::optional<double> median_of(std::vector<double> values)
{
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    auto middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

summary analyse(const consultation& c, const std::vector<audience_authority>& audience,
                const std::vector<submitted_response>& responses, std::vector<theme> themes,
                const std::vector<answer_theme>& tags)
{
    summary s;
    s.consultation_id = c.id;
    s.status = c.status;
    s.responses = static_cast<int>(responses.size());
    std::set<std::int64_t> responded;
    std::map<std::string, int> by_sector;
    for (const auto& r : responses) {
        responded.insert(r.organisation.id);
        ++by_sector[r.service.value_or(r.submitter_sector)]; // a service's response counts for that service
    }
    std::map<std::string, rate> regions;
    for (const auto& a : audience) {
        ++s.audience_count;
        auto& region = regions[a.region_code.value_or("")];
        region.code = a.region_code.value_or("");
        region.name = a.region_name.value_or("No region");
        ++region.audience_count;
        if (responded.contains(a.organisation.id)) {
            ++s.responded_count;
            ++region.responded_count;
        } else
            s.not_responded.push_back(a.organisation);
    }
    s.response_rate = percent(s.responded_count, s.audience_count);
    for (auto& [code, region] : regions) {
        region.response_rate = percent(region.responded_count, region.audience_count);
        s.by_region.push_back(region);
    }
    for (const auto* sector : {"children", "adults", "both"})
        s.by_sector.push_back({sector, by_sector[sector]});
    std::sort(s.not_responded.begin(), s.not_responded.end(),
              [](const organisation_ref& a, const organisation_ref& b) { return a.name < b.name; });
    for (const auto& q : c.questions)
        s.questions.push_back(analyse_question(q, c.questions, responses, tags));
    for (auto& t : themes) {
        t.count = static_cast<int>(std::count_if(tags.begin(), tags.end(), [&](const answer_theme& tag) {
            return tag.theme_id == t.id &&
                   std::any_of(responses.begin(), responses.end(),
                               [&](const submitted_response& r) { return r.response_id == tag.response_id; });
        }));
    }
    s.themes = std::move(themes);
    return s;
}

} // namespace pswnet::consultations
