// CSV writing. Text cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with an apostrophe.
#include "benchmarking/export_csv.hpp"

#include "benchmarking/model_json.hpp"

#include <charconv>
#include <initializer_list>
#include <sstream>

namespace pswnet::benchmarking {
namespace {

std::string text_cell(const std::string& text)
{
    std::string safe = text;
    if (!safe.empty() && (safe[0] == '=' || safe[0] == '+' || safe[0] == '-' || safe[0] == '@'))
        safe.insert(safe.begin(), '\'');
    if (safe.find_first_of(",\"\r\n") == std::string::npos)
        return safe;
    std::string quoted = "\"";
    for (char c : safe) {
        if (c == '"')
            quoted.push_back('"');
        quoted.push_back(c);
    }
    return quoted + "\"";
}

std::string number_cell(std::optional<double> value)
{
    if (!value)
        return {};
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *value);
    return std::string(buffer, end);
}

std::string int_cell(std::optional<int> value)
{
    return value ? std::to_string(*value) : std::string();
}

std::string status_text(const figure& f)
{
    switch (f.status) {
    case figure_status::value: return "value";
    case figure_status::suppressed: return "suppressed";
    case figure_status::missing: break;
    }
    return "missing";
}

std::string source_text(const figure& f, const std::string& period)
{
    if (!f.source)
        return {};
    if (*f.source == "dfe")
        return "DfE children's social work workforce, reporting year " + period;
    if (*f.source == "local")
        return "Local submission (not official)";
    return "Imported";
}

void line(std::ostringstream& out, std::initializer_list<std::string> cells)
{
    bool first = true;
    for (const auto& c : cells) {
        if (!first)
            out << ',';
        out << c;
        first = false;
    }
    out << "\r\n";
}

void figure_line(std::ostringstream& out, const std::string& role, const std::string& code, const std::string& name,
                 const comparison& c, const figure& f, std::optional<int> rank)
{
    line(out, {role, text_cell(code), text_cell(name), c.period, c.metric.key, text_cell(c.metric.name), c.metric.unit,
               number_cell(f.value), status_text(f), text_cell(reason_for(f)), text_cell(source_text(f, c.period)),
               int_cell(rank), f.joint_with ? "true" : "false"});
}

void statistic_line(std::ostringstream& out, const std::string& role, const comparison& c, std::optional<double> value)
{
    line(out, {role, "", text_cell(c.group_name), c.period, c.metric.key, text_cell(c.metric.name), c.metric.unit,
               number_cell(value), value ? "value" : "missing", "", "Computed from the group's values", "", "false"});
}

} // namespace

std::string comparison_csv(const comparison& c)
{
    std::ostringstream out;
    out << "\xEF\xBB\xBF";
    line(out, {"role", "organisation_code", "organisation_name", "period", "metric_key", "metric_name", "unit", "value",
               "status", "reason", "source", "rank", "joint_return"});
    for (const auto& m : c.members)
        figure_line(out, m.is_subject ? "subject" : "member", m.organisation.code, m.organisation.name, c, m.figure, m.rank);
    for (const auto& [role, reference] : {std::pair{"england", &c.england}, std::pair{"region", &c.region},
                                          std::pair{"london_subregion", &c.london_subregion}})
        if (*reference)
            figure_line(out, role, (*reference)->area_code, (*reference)->name, c, (*reference)->figure, std::nullopt);
    statistic_line(out, "group_median", c, c.statistics.median);
    statistic_line(out, "group_lower_quartile", c, c.statistics.lower_quartile);
    statistic_line(out, "group_upper_quartile", c, c.statistics.upper_quartile);
    statistic_line(out, "group_mean", c, c.statistics.mean);
    return out.str();
}

std::string trend_csv(const trend& t)
{
    std::ostringstream out;
    out << "\xEF\xBB\xBF";
    line(out, {"period", "organisation_code", "organisation_name", "metric_key", "metric_name", "unit", "value",
               "status", "reason", "source", "group_median", "group_count", "rank", "england", "region"});
    for (const auto& p : t.points)
        line(out, {p.period, text_cell(t.organisation.code), text_cell(t.organisation.name), t.metric.key,
                   text_cell(t.metric.name), t.metric.unit, number_cell(p.figure.value), status_text(p.figure),
                   text_cell(reason_for(p.figure)), text_cell(source_text(p.figure, p.period)),
                   number_cell(p.statistics.median), std::to_string(p.statistics.count), int_cell(p.rank),
                   number_cell(p.england ? p.england->figure.value : std::nullopt),
                   number_cell(p.region ? p.region->figure.value : std::nullopt)});
    return out.str();
}

std::string export_filename(const std::string& metric, const std::string& code, const std::string& period_or_trend,
                            group_kind group)
{
    auto name = "benchmarking-" + metric + "-" + code + "-" + period_or_trend + "-" + std::string(to_string(group)) + ".csv";
    for (auto& ch : name)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.'))
            ch = '_';
    return name;
}

} // namespace pswnet::benchmarking
