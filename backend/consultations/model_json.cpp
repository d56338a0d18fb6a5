// JSON encodings of consultations.
#include "consultations/model_json.hpp"

#include <cmath>

namespace pswnet::consultations {
namespace {

using nlohmann::json;

template <class T> json or_null(const std::optional<T>& value)
{
    return value ? json(*value) : json(nullptr);
}

} // namespace

json to_json(const question& q)
{
    json j{{"key", q.key},
           {"text", q.text},
           {"help_text", or_null(q.help_text)},
           {"type", q.type},
           {"required", q.required},
           {"options", q.options},
           {"word_limit", or_null(q.word_limit)},
           {"min", or_null(q.min)},
           {"max", or_null(q.max)},
           {"shown_when", q.shown_when ? json{{"question", q.shown_when->question}, {"answer", q.shown_when->answer}}
                                       : json(nullptr)}};
    j["scale_labels"] = q.type == "scale" ? json{{"low", q.scale_low.value_or("")}, {"high", q.scale_high.value_or("")}}
                                          : json(nullptr);
    return j;
}

json to_json(const consultation& c, bool with_questions)
{
    json j{{"id", c.id},
           {"title", c.title},
           {"summary", c.summary},
           {"summary_html", c.summary_html},
           {"audience", c.audience},
           {"opens_at", c.opens_at},
           {"closes_at", c.closes_at},
           {"response_scope", c.response_scope},
           {"status", to_string(c.status)},
           {"created_by", to_json(c.created_by)},
           {"organisation", to_json(c.organisation)},
           {"published_at", or_null(c.published_at)},
           {"version", c.version}};
    j["outcome"] = c.outcome ? json{{"body", c.outcome->body},
                                    {"body_html", c.outcome->body_html},
                                    {"published_at", c.outcome->published_at},
                                    {"thread_id", or_null(c.outcome->thread_id)}}
                             : json(nullptr);
    j["my_response"] = c.my_response ? json{{"status", c.my_response->status},
                                            {"submitted_at", or_null(c.my_response->submitted_at)},
                                            {"updated_at", c.my_response->updated_at}}
                                     : json(nullptr);
    if (with_questions) {
        auto questions = json::array();
        for (const auto& q : c.questions)
            questions.push_back(to_json(q));
        j["questions"] = std::move(questions);
    }
    return j;
}

json answers_json(const answers& a)
{
    auto j = json::object();
    for (const auto& [key, value] : a) {
        if (const auto* number = std::get_if<double>(&value);
            number && *number == std::floor(*number) && std::abs(*number) < 9007199254740992.0)
            j[key] = static_cast<std::int64_t>(*number); // a scale point reads 4, not 4.0
        else
            std::visit([&, &key = key](const auto& v) { j[key] = v; }, value);
    }
    return j;
}

answers answers_from_json(const json& j)
{
    answers a;
    if (!j.is_object())
        return a;
    for (const auto& [key, value] : j.items()) {
        if (value.is_string())
            a[key] = value.get<std::string>();
        else if (value.is_number())
            a[key] = value.get<double>();
        else if (value.is_array()) {
            std::vector<std::string> list;
            for (const auto& item : value)
                if (item.is_string())
                    list.push_back(item.get<std::string>());
            a[key] = std::move(list);
        }
    }
    return a;
}

json options_json(const std::vector<std::string>& options)
{
    return json(options);
}

json to_json(const consultation_response& r)
{
    auto versions = json::array();
    for (const auto& v : r.versions)
        versions.push_back({{"version", v.version},
                            {"status", v.submitted ? "submitted" : "draft"},
                            {"saved_at", v.saved_at},
                            {"saved_by", to_json(v.saved_by)}});
    return {{"consultation_id", r.consultation_id},
            {"scope", r.scope},
            {"organisation", to_json(r.organisation)},
            {"service", or_null(r.service)},
            {"answers", answers_json(r.answers)},
            {"status", r.submitted_version ? "submitted" : "draft"},
            {"version", r.version},
            {"updated_at", r.updated_at},
            {"updated_by", to_json(r.updated_by)},
            {"submitted_at", or_null(r.submitted_at)},
            {"submitted_by", r.submitted_by ? to_json(*r.submitted_by) : json(nullptr)},
            {"has_unsubmitted_changes", r.submitted_version && *r.submitted_version < r.version},
            {"versions", std::move(versions)}};
}

json to_json(const theme& t)
{
    return {{"id", t.id}, {"name", t.name}, {"count", t.count}};
}

json to_json(const submitted_response& r)
{
    return {{"response_id", r.response_id},      {"organisation", to_json(r.organisation)},
            {"service", or_null(r.service)},     {"submitted_by", to_json(r.submitted_by)},
            {"submitted_at", r.submitted_at},    {"version", r.version},
            {"answers", answers_json(r.answers)}};
}

json to_json(const summary& s)
{
    auto regions = json::array();
    for (const auto& r : s.by_region)
        regions.push_back({{"region_code", r.code},
                           {"region_name", r.name},
                           {"audience_count", r.audience_count},
                           {"responded_count", r.responded_count},
                           {"response_rate", r.response_rate}});
    auto sectors = json::array();
    for (const auto& c : s.by_sector)
        sectors.push_back({{"sector", c.sector}, {"responses", c.responses}});
    auto missing = json::array();
    for (const auto& o : s.not_responded)
        missing.push_back(to_json(o));
    auto questions = json::array();
    for (const auto& q : s.questions) {
        auto options = json::array();
        for (const auto& o : q.options)
            options.push_back({{"value", o.value}, {"count", o.count}, {"percent", o.percent}});
        auto answers = json::array();
        for (const auto& a : q.answers)
            answers.push_back({{"response_id", a.response_id},
                               {"organisation", to_json(a.organisation)},
                               {"service", or_null(a.service)},
                               {"text", a.text},
                               {"themes", a.themes}});
        questions.push_back({{"key", q.key},
                             {"text", q.text},
                             {"type", q.type},
                             {"asked", q.asked},
                             {"answered", q.answered},
                             {"options", std::move(options)},
                             {"mean", or_null(q.mean)},
                             {"median", or_null(q.median)},
                             {"answers", std::move(answers)}});
    }
    auto themes = json::array();
    for (const auto& t : s.themes)
        themes.push_back(to_json(t));
    return {{"consultation_id", s.consultation_id}, {"status", to_string(s.status)},
            {"audience_count", s.audience_count},   {"responded_count", s.responded_count},
            {"response_rate", s.response_rate},     {"responses", s.responses},
            {"by_region", std::move(regions)},      {"by_sector", std::move(sectors)},
            {"not_responded", std::move(missing)},  {"questions", std::move(questions)},
            {"themes", std::move(themes)}};
}

} // namespace pswnet::consultations
