// Comparisons and trends as CSV, with the source and period of every value (written by core/csv).
#include "benchmarking/export_csv.hpp"

#include "benchmarking/model_json.hpp"
#include "core/csv.hpp"

namespace pswnet::benchmarking {
namespace {

std::string status_text(const figure& f)
{
    switch (f.status) {
    case figure_status::value:
        return "value";
    case figure_status::suppressed:
        return "suppressed";
    case figure_status::missing:
        break;
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

void figure_line(csv::writer& out, const std::string& role, const std::string& code, const std::string& name,
                 const comparison& c, const figure& f, std::optional<int> rank)
{
    out.row({role, csv::text(code), csv::text(name), c.period, c.metric.key, csv::text(c.metric.name), c.metric.unit,
             csv::number(f.value), status_text(f), csv::text(reason_for(f)), csv::text(source_text(f, c.period)),
             csv::integer(rank), f.joint_with ? "true" : "false"});
}

void statistic_line(csv::writer& out, const std::string& role, const std::string& name, const comparison& c,
                    std::optional<double> value, const std::string& source)
{
    out.row({role, "", csv::text(name), c.period, c.metric.key, csv::text(c.metric.name), c.metric.unit,
             csv::number(value), value ? "value" : "missing", "", csv::text(source), "", "false"});
}

std::optional<double> median_value(const std::optional<neighbours_median>& m)
{
    return m ? m->value : std::nullopt;
}

} // namespace

std::string comparison_csv(const comparison& c)
{
    csv::writer out;
    out.row({"role", "organisation_code", "organisation_name", "period", "metric_key", "metric_name", "unit", "value",
             "status", "reason", "source", "rank", "joint_return"});
    for (const auto& m : c.members)
        figure_line(out, m.is_subject ? "subject" : "member", m.organisation.code, m.organisation.name, c, m.figure,
                    m.rank);
    for (const auto& [role, reference] : {std::pair{"england", &c.england}, std::pair{"region", &c.region},
                                          std::pair{"london_subregion", &c.london_subregion}})
        if (*reference)
            figure_line(out, role, (*reference)->area_code, (*reference)->name, c, (*reference)->figure, std::nullopt);
    if (c.statistical_neighbours_median)
        statistic_line(out, "statistical_neighbours_median", "Statistical neighbours (median)", c,
                       c.statistical_neighbours_median->value,
                       "Median of the 10 neighbours' figures, the authority left out (the DfE's method)");
    const std::string from_group = "Computed from the group's values";
    statistic_line(out, "group_median", c.group_name, c, c.statistics.median, from_group);
    statistic_line(out, "group_lower_quartile", c.group_name, c, c.statistics.lower_quartile, from_group);
    statistic_line(out, "group_upper_quartile", c.group_name, c, c.statistics.upper_quartile, from_group);
    statistic_line(out, "group_mean", c.group_name, c, c.statistics.mean, from_group);
    return out.str();
}

std::string trend_csv(const trend& t)
{
    csv::writer out;
    out.row({"period", "organisation_code", "organisation_name", "metric_key", "metric_name", "unit", "value", "status",
             "reason", "source", "group_median", "group_count", "rank", "england", "region",
             "statistical_neighbours_median"});
    for (const auto& p : t.points)
        out.row({p.period, csv::text(t.organisation.code), csv::text(t.organisation.name), t.metric.key,
                 csv::text(t.metric.name), t.metric.unit, csv::number(p.figure.value), status_text(p.figure),
                 csv::text(reason_for(p.figure)), csv::text(source_text(p.figure, p.period)),
                 csv::number(p.statistics.median), std::to_string(p.statistics.count), csv::integer(p.rank),
                 csv::number(p.england ? p.england->figure.value : std::nullopt),
                 csv::number(p.region ? p.region->figure.value : std::nullopt),
                 csv::number(median_value(p.statistical_neighbours_median))});
    return out.str();
}

std::string export_filename(const std::string& metric, const std::string& code, const std::string& period_or_trend,
                            group_kind group)
{
    auto name =
        "benchmarking-" + metric + "-" + code + "-" + period_or_trend + "-" + std::string(to_string(group)) + ".csv";
    for (auto& ch : name)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.'))
            ch = '_';
    return name;
}

} // namespace pswnet::benchmarking
