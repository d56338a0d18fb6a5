// JSON encodings of benchmarking. A figure is flattened into the object that carries it.
#include "benchmarking/model_json.hpp"

#include <array>

namespace pswnet::benchmarking {
namespace {

using nlohmann::json;

template <class T> json or_null(const std::optional<T>& value)
{
    return value ? json(*value) : json(nullptr);
}

void put_figure(json& into, const figure& f)
{
    static constexpr std::array statuses{"value", "suppressed", "missing"};
    into["value"] = or_null(f.value);
    into["status"] = statuses[static_cast<std::size_t>(f.status)];
    into["suppression"] = or_null(f.suppression);
    auto reason = reason_for(f);
    into["reason"] = reason.empty() ? json(nullptr) : json(reason);
    into["source"] = or_null(f.source);
    into["joint_return"] = f.joint_with.has_value();
    into["joint_with"] = or_null(f.joint_with);
}

json statistics_json(const group_statistics& s)
{
    return {{"count", s.count},
            {"median", or_null(s.median)},
            {"lower_quartile", or_null(s.lower_quartile)},
            {"upper_quartile", or_null(s.upper_quartile)},
            {"mean", or_null(s.mean)},
            {"min", or_null(s.min)},
            {"max", or_null(s.max)}};
}

json neighbours_median_or_null(const std::optional<neighbours_median>& m)
{
    if (!m)
        return nullptr;
    return {{"name", "Statistical neighbours (median)"}, {"value", or_null(m->value)}, {"count", m->count}};
}

json reference_or_null(const std::optional<reference_figure>& r)
{
    return r ? to_json(*r) : json(nullptr);
}

json values_json(const std::map<std::string, double>& values)
{
    auto result = json::object();
    for (const auto& [key, value] : values)
        result[key] = value;
    return result;
}

} // namespace

std::string reason_for(const figure& f)
{
    if (f.status == figure_status::missing)
        return "no figure for " + f.period;
    if (f.status != figure_status::suppressed || !f.suppression)
        return {};
    const auto& s = *f.suppression;
    if (s == "c")
        return "c: confidential";
    if (s == "u")
        return "u: low reliability";
    if (s == "x")
        return "x: not available";
    if (s == "z")
        return "z: not applicable";
    return "low: too small to report";
}

std::string_view to_string(polarity p) noexcept
{
    switch (p) {
    case polarity::lower_is_better:
        return "lower_is_better";
    case polarity::higher_is_better:
        return "higher_is_better";
    case polarity::neutral:
        break;
    }
    return "neutral";
}

std::optional<polarity> parse_polarity(std::string_view text) noexcept
{
    for (auto p : {polarity::lower_is_better, polarity::higher_is_better, polarity::neutral})
        if (text == to_string(p))
            return p;
    return std::nullopt;
}

std::string_view to_string(group_kind g) noexcept
{
    switch (g) {
    case group_kind::statistical:
        return "statistical";
    case group_kind::region:
        return "region";
    case group_kind::saved:
        return "saved";
    case group_kind::england:
        break;
    }
    return "england";
}

std::optional<group_kind> parse_group(std::string_view text) noexcept
{
    for (auto g : {group_kind::statistical, group_kind::region, group_kind::england})
        if (text == to_string(g))
            return g;
    return std::nullopt;
}

std::string period_label(const std::string& period)
{
    static constexpr std::array quarters{"January to March", "April to June", "July to September",
                                         "October to December"};
    if (period.size() == 7)
        return period.substr(0, 4) + " quarter " + period.substr(6) + " (" +
               quarters[static_cast<std::size_t>(period[6] - '1')] + ")";
    return period + " (at 30 September)";
}

json to_json(const metric& m)
{
    return {{"key", m.key},
            {"name", m.name},
            {"unit", m.unit},
            {"sector", m.sector},
            {"polarity", to_string(m.polarity)},
            {"definition", m.definition},
            {"source", m.source},
            {"official", m.official},
            {"position", m.position}};
}

json to_json(const figure& f)
{
    json j = json::object();
    put_figure(j, f);
    return j;
}

json to_json(const reference_figure& r)
{
    json j{{"area_code", r.area_code}, {"name", r.name}};
    put_figure(j, r.figure);
    return j;
}

json to_json(const member& m)
{
    json j{{"organisation", to_json(m.organisation)},
           {"is_subject", m.is_subject},
           {"neighbour_rank", or_null(m.neighbour_rank)},
           {"closeness", or_null(m.closeness)},
           {"rank", or_null(m.rank)}};
    put_figure(j, m.figure);
    return j;
}

json to_json(const comparison& c)
{
    auto members = json::array();
    for (const auto& m : c.members)
        members.push_back(to_json(m));
    return {{"organisation", to_json(c.organisation)},
            {"metric", to_json(c.metric)},
            {"period", c.period},
            {"group", to_string(c.group)},
            {"group_id", or_null(c.group_id)},
            {"group_name", c.group_name},
            {"subject", to_json(c.subject)},
            {"rank", or_null(c.rank)},
            {"ranked_count", c.ranked_count},
            {"quartile_band", or_null(c.quartile_band)},
            {"statistics", statistics_json(c.statistics)},
            {"statistical_neighbours_median", neighbours_median_or_null(c.statistical_neighbours_median)},
            {"members", std::move(members)},
            {"reference",
             {{"england", reference_or_null(c.england)},
              {"region", reference_or_null(c.region)},
              {"london_subregion", reference_or_null(c.london_subregion)}}}};
}

json to_json(const trend& t)
{
    auto items = json::array();
    for (const auto& p : t.points) {
        json item{{"period", p.period},
                  {"rank", or_null(p.rank)},
                  {"ranked_count", p.ranked_count},
                  {"quartile_band", or_null(p.quartile_band)},
                  {"median", or_null(p.statistics.median)},
                  {"lower_quartile", or_null(p.statistics.lower_quartile)},
                  {"upper_quartile", or_null(p.statistics.upper_quartile)},
                  {"count", p.statistics.count},
                  {"statistical_neighbours_median", neighbours_median_or_null(p.statistical_neighbours_median)},
                  {"england", reference_or_null(p.england)},
                  {"region", reference_or_null(p.region)}};
        put_figure(item, p.figure);
        items.push_back(std::move(item));
    }
    return {{"organisation", to_json(t.organisation)}, {"metric", to_json(t.metric)}, {"group", to_string(t.group)},
            {"group_id", or_null(t.group_id)},         {"group_name", t.group_name},  {"items", std::move(items)}};
}

json to_json(const dashboard& d)
{
    auto items = json::array();
    for (const auto& i : d.items) {
        json item{{"metric", to_json(i.metric)},
                  {"median", or_null(i.statistics.median)},
                  {"count", i.statistics.count},
                  {"statistical_neighbours_median", neighbours_median_or_null(i.statistical_neighbours_median)},
                  {"rank", or_null(i.rank)},
                  {"ranked_count", i.ranked_count},
                  {"quartile_band", or_null(i.quartile_band)},
                  {"previous", i.previous ? to_json(*i.previous) : json(nullptr)},
                  {"change", or_null(i.change)},
                  {"direction", or_null(i.direction)},
                  {"assessment", or_null(i.assessment)}};
        put_figure(item, i.figure);
        items.push_back(std::move(item));
    }
    return {{"organisation", to_json(d.organisation)},
            {"sector", d.sector},
            {"period", d.period},
            {"previous_period", or_null(d.previous_period)},
            {"group", to_string(d.group)},
            {"group_id", or_null(d.group_id)},
            {"group_name", d.group_name},
            {"items", std::move(items)}};
}

json to_json(const period_summary& p)
{
    json publication = nullptr;
    if (const auto& from = p.publication)
        publication = {{"name", from->name},        {"publisher", from->publisher}, {"url", from->url},
                       {"as_at", from->as_at},      {"published", from->published}, {"next_period", from->next_period},
                       {"next_due", from->next_due}};
    return {{"period", p.period},
            {"label", period_label(p.period)},
            {"official", p.official},
            {"local", p.local},
            {"publication", std::move(publication)}};
}

json stored_json(const import_report& r)
{
    auto rejected = json::array();
    for (const auto& row : r.rows_rejected)
        rejected.push_back({{"row", row.row}, {"code", row.code}, {"name", row.name}, {"reason", row.reason}});
    return {{"rows_read", r.rows_read},
            {"values_imported", r.values_created + r.values_updated},
            {"values_created", r.values_created},
            {"values_updated", r.values_updated},
            {"values_unchanged", r.values_unchanged},
            {"values_suppressed", r.values_suppressed},
            {"reference_rows", r.reference_rows},
            {"joint_rows", r.joint_rows},
            {"periods", r.periods},
            {"rows_rejected", std::move(rejected)}};
}

import_report from_stored_json(const json& j)
{
    import_report r;
    r.rows_read = j.value("rows_read", std::int64_t{0});
    r.values_created = j.value("values_created", std::int64_t{0});
    r.values_updated = j.value("values_updated", std::int64_t{0});
    r.values_unchanged = j.value("values_unchanged", std::int64_t{0});
    r.values_suppressed = j.value("values_suppressed", std::int64_t{0});
    r.reference_rows = j.value("reference_rows", std::int64_t{0});
    r.joint_rows = j.value("joint_rows", std::int64_t{0});
    r.periods = j.value("periods", std::vector<std::string>{});
    for (const auto& row : j.value("rows_rejected", json::array()))
        r.rows_rejected.push_back(
            {row.value("row", std::int64_t{0}), row.value("code", ""), row.value("name", ""), row.value("reason", "")});
    return r;
}

json to_json(const import_report& r)
{
    auto j = stored_json(r);
    j["id"] = r.id;
    j["format"] = r.format;
    j["filename"] = or_null(r.filename);
    j["sha256"] = r.sha256;
    j["status"] = r.status;
    j["imported_by"] = r.imported_by_id
                           ? json{{"id", *r.imported_by_id}, {"display_name", r.imported_by_name.value_or("")}}
                           : json(nullptr);
    j["created_at"] = r.created_at;
    return j;
}

json to_json(const period_figures& p)
{
    auto official = json::object();
    for (const auto& [key, f] : p.official)
        official[key] = to_json(f);
    auto history = json::array();
    for (const auto& h : p.history)
        history.push_back({{"revision", h.revision},
                           {"status", h.status},
                           {"values", values_json(h.values)},
                           {"changed_by", to_json(h.changed_by)},
                           {"changed_at", h.changed_at}});
    json submission = nullptr;
    if (p.submission)
        submission = {{"status", p.submission->status},
                      {"values", values_json(p.submission->values)},
                      {"revision", p.submission->revision},
                      {"updated_at", p.submission->updated_at},
                      {"updated_by", to_json(p.submission->updated_by)}};
    return {{"organisation", to_json(p.organisation)},
            {"period", p.period},
            {"label", period_label(p.period)},
            {"official", std::move(official)},
            {"submission", std::move(submission)},
            {"history", std::move(history)},
            {"may_edit", p.may_edit}};
}

json to_json(const imported_value& v)
{
    return {{"metric_key", v.metric_key},
            {"period", v.period},
            {"organisation_id", v.organisation_id},
            {"value", or_null(v.value)},
            {"suppression", or_null(v.suppression)},
            {"joint_with", or_null(v.joint_with)}};
}

json to_json(const imported_reference_value& v)
{
    return {{"metric_key", v.metric_key}, {"period", v.period},        {"area_code", v.area_code},
            {"area_name", v.area_name},   {"value", or_null(v.value)}, {"suppression", or_null(v.suppression)}};
}

} // namespace pswnet::benchmarking
