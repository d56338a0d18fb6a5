// Building a group and ranking it: who is in an authority's statistical-neighbour, regional or England group, and
// what each member's figure, rank and the group's statistics are for one metric and period. Pure functions.
#pragma once

#include "benchmarking/model.hpp"

#include <map>
#include <string>
#include <vector>

namespace pswnet::benchmarking {

using figures_by_period = std::map<std::string, figure>;
using figure_table = std::map<std::int64_t, figures_by_period>;
using reference_table = std::map<std::string, std::map<std::string, reference_figure>>;

struct group_definition {
    group_kind kind = group_kind::statistical;
    std::string name;
    std::vector<member> members; // the subject first; figures not yet filled in
};

// The group always includes the subject itself.
group_definition group_for(const authority& subject, group_kind kind, const std::vector<authority>& all,
                           const std::vector<neighbour_link>& statistical_neighbours);

// A saved comparator group: the subject and those of the members that are authorities, in the order given.
group_definition saved_group_for(const authority& subject, std::string name, const std::vector<std::int64_t>& members,
                                 const std::vector<authority>& all);

struct ranked_group {
    std::vector<member> members; // ranked, best first
    member subject;
    group_statistics statistics;
    std::optional<int> rank;
    int ranked_count = 0;
    std::optional<std::string> quartile_band;
};

// The figure an authority has for a period, or a "missing" figure naming the period.
figure figure_in(const figure_table& figures, std::int64_t organisation_id, const std::string& period);

ranked_group rank_group(const group_definition& group, const figure_table& figures, const std::string& period,
                        polarity p);

// The DfE dashboards' "Statistical neighbours (median)" (dfe-analytical-services/CSC_outcomes_and_enablers,
// sn_aggregations): R's median, with missing values removed, of the neighbours' published figures joined by LA
// number. The authority itself is left out, and so are a neighbour's joint return, which the DfE's join by LA number
// never finds, and figures the DfE did not publish (shared local ones).
// Empty when the authority has no neighbours.
std::optional<neighbours_median> statistical_neighbours_median(const std::vector<neighbour_link>& neighbours,
                                                               const figure_table& figures, const std::string& period);

// England's, the authority's region's and (for London boroughs) Inner or Outer London's published figures.
struct references {
    std::optional<reference_figure> england, region, london_subregion;
};
references references_for(const authority& subject, const reference_table& table, const std::string& period);

// The period before: the year before a year, the quarter before a quarter.
std::string previous_period(const std::string& period);

} // namespace pswnet::benchmarking
