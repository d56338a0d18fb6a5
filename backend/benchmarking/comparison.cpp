// Groups and their ranking. Statistics count only members with a value; suppressed and missing figures are listed
// with their reason and never treated as zero.
#include "benchmarking/comparison.hpp"

#include "benchmarking/statistics.hpp"

#include <algorithm>

namespace pswnet::benchmarking {
namespace {

constexpr const char* england_code = "E92000001";

std::optional<reference_figure> reference_in(const reference_table& table, const std::string& area,
                                             const std::string& period, const std::string& name)
{
    auto by_area = table.find(area);
    if (by_area != table.end())
        if (auto found = by_area->second.find(period); found != by_area->second.end())
            return found->second;
    reference_figure missing{area, name, {}};
    missing.figure.period = period;
    return missing;
}

} // namespace

group_definition group_for(const authority& subject, group_kind kind, const std::vector<authority>& all,
                           const std::vector<neighbour_link>& statistical_neighbours)
{
    group_definition group;
    group.kind = kind;
    member self;
    self.organisation = subject.organisation;
    self.is_subject = true;
    group.members.push_back(self);
    switch (kind) {
    case group_kind::statistical:
        group.name = "Statistical neighbours (DfE 2025 model)";
        for (const auto& link : statistical_neighbours) {
            auto found = std::find_if(all.begin(), all.end(),
                                      [&](const authority& a) { return a.organisation.id == link.neighbour_id; });
            if (found == all.end())
                continue;
            member m;
            m.organisation = found->organisation;
            m.neighbour_rank = link.rank;
            m.closeness = link.closeness;
            group.members.push_back(std::move(m));
        }
        break;
    case group_kind::region:
        group.name = subject.region_name.value_or("Region");
        for (const auto& a : all)
            if (a.organisation.id != subject.organisation.id && a.region_code == subject.region_code)
                group.members.push_back({a.organisation, {}, false, std::nullopt, std::nullopt, std::nullopt});
        break;
    case group_kind::england:
        group.name = "England";
        for (const auto& a : all)
            if (a.organisation.id != subject.organisation.id)
                group.members.push_back({a.organisation, {}, false, std::nullopt, std::nullopt, std::nullopt});
        break;
    case group_kind::saved: // saved_group_for builds these
        break;
    }
    return group;
}

group_definition saved_group_for(const authority& subject, std::string name, const std::vector<std::int64_t>& members,
                                 const std::vector<authority>& all)
{
    group_definition group = group_for(subject, group_kind::saved, all, {});
    group.name = std::move(name);
    for (auto id : members) {
        auto found = std::find_if(all.begin(), all.end(), [id](const authority& a) { return a.organisation.id == id; });
        if (found != all.end() && id != subject.organisation.id)
            group.members.push_back({found->organisation, {}, false, std::nullopt, std::nullopt, std::nullopt});
    }
    return group;
}

figure figure_in(const figure_table& figures, std::int64_t organisation_id, const std::string& period)
{
    if (auto by_org = figures.find(organisation_id); by_org != figures.end())
        if (auto found = by_org->second.find(period); found != by_org->second.end())
            return found->second;
    figure missing;
    missing.period = period;
    return missing;
}

ranked_group rank_group(const group_definition& group, const figure_table& figures, const std::string& period,
                        polarity p)
{
    ranked_group ranked;
    ranked.members = group.members;
    std::vector<double> values;
    for (auto& m : ranked.members) {
        m.figure = figure_in(figures, m.organisation.id, period);
        if (m.figure.value)
            values.push_back(*m.figure.value);
    }
    ranked.statistics = statistics_of(values);
    ranked.ranked_count = static_cast<int>(values.size());
    rank_members(ranked.members, p);
    auto self =
        std::find_if(ranked.members.begin(), ranked.members.end(), [](const member& m) { return m.is_subject; });
    ranked.subject = *self;
    ranked.rank = self->rank;
    if (self->figure.value)
        ranked.quartile_band = quartile_band(*self->figure.value, ranked.statistics);
    return ranked;
}

std::optional<neighbours_median> statistical_neighbours_median(const std::vector<neighbour_link>& neighbours,
                                                               const figure_table& figures, const std::string& period)
{
    if (neighbours.empty())
        return std::nullopt;
    std::vector<double> values;
    for (const auto& link : neighbours)
        if (auto f = figure_in(figures, link.neighbour_id, period); f.value && f.source == "dfe" && !f.joint_with)
            values.push_back(*f.value);
    neighbours_median median;
    median.count = static_cast<int>(values.size());
    if (!values.empty()) {
        std::sort(values.begin(), values.end());
        median.value = quantile_type7(values, 0.5); // R's median: the middle value, or the mean of the middle two
    }
    return median;
}

references references_for(const authority& subject, const reference_table& table, const std::string& period)
{
    references r;
    r.england = reference_in(table, england_code, period, "England");
    if (subject.region_code)
        r.region =
            reference_in(table, *subject.region_code, period, subject.region_name.value_or(*subject.region_code));
    if (subject.london_subregion)
        r.london_subregion =
            reference_in(table, *subject.london_subregion == "Inner London" ? "E13000001" : "E13000002", period,
                         *subject.london_subregion);
    return r;
}

std::string previous_period(const std::string& period)
{
    int year = std::stoi(period.substr(0, 4));
    if (period.size() == 4)
        return std::to_string(year - 1);
    int quarter = period[6] - '0';
    if (quarter == 1)
        return std::to_string(year - 1) + "-Q4";
    return std::to_string(year) + "-Q" + std::to_string(quarter - 1);
}

} // namespace pswnet::benchmarking
