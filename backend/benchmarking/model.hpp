// Benchmarking's types: metrics, figures (a value or the reason there is none), comparisons, trends, imports and
// local submissions. Plain structs; their JSON lives in model_json.
#pragma once

#include "benchmarking/publication.hpp"
#include "core/references.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::benchmarking {

enum class polarity { lower_is_better, higher_is_better, neutral };

struct metric {
    std::string key;
    std::string name;
    std::string unit; // count, fte, percent, cases_per_fte, days
    std::string sector;
    benchmarking::polarity polarity = polarity::neutral;
    std::string definition;
    std::string source;
    bool official = false;
    int position = 0;
};

struct new_metric {
    std::string key, name, unit, sector, polarity, definition, source;
};

enum class figure_status { value, suppressed, missing };

// One authority's (or area's) figure for a metric and period.
struct figure {
    std::optional<double> value;
    figure_status status = figure_status::missing;
    std::optional<std::string> suppression; // c, u, x, z, low
    std::optional<std::string> source;      // dfe, import, local
    std::optional<std::string> joint_with;
    std::string period; // for the "no figure for <period>" reason
};

std::string reason_for(const figure& f);

// A local authority as benchmarking groups it.
struct authority {
    organisation_ref organisation;
    std::optional<std::string> region_code;
    std::optional<std::string> region_name;
    std::optional<std::string> london_subregion;
    bool in_sn_model = false;
};

struct neighbour_link {
    std::int64_t neighbour_id = 0;
    int rank = 0;
    std::string closeness;
};

// saved: one of the organisation's own comparator groups.
enum class group_kind { statistical, region, england, saved };

struct member {
    organisation_ref organisation;
    benchmarking::figure figure;
    bool is_subject = false;
    std::optional<int> neighbour_rank;
    std::optional<std::string> closeness;
    std::optional<int> rank;
};

struct group_statistics {
    int count = 0;
    std::optional<double> median, lower_quartile, upper_quartile, mean, min, max;
};

// The DfE's "Statistical neighbours (median)": the median of the ten neighbours' own figures, the authority itself
// left out. count says how many neighbours had one.
struct neighbours_median {
    std::optional<double> value;
    int count = 0;
};

struct reference_figure {
    std::string area_code;
    std::string name;
    benchmarking::figure figure;
};

struct comparison {
    organisation_ref organisation;
    benchmarking::metric metric;
    std::string period;
    group_kind group = group_kind::statistical;
    std::optional<std::int64_t> group_id; // a saved group's
    std::string group_name;
    benchmarking::member subject;
    std::optional<int> rank;
    int ranked_count = 0;
    std::optional<std::string> quartile_band;
    group_statistics statistics;
    std::vector<member> members;
    std::optional<reference_figure> england, region, london_subregion;
    std::optional<neighbours_median> statistical_neighbours_median; // empty outside the DfE's model
};

struct trend_point {
    std::string period;
    benchmarking::figure figure;
    std::optional<int> rank;
    int ranked_count = 0;
    std::optional<std::string> quartile_band;
    group_statistics statistics;
    std::optional<reference_figure> england, region;
    std::optional<neighbours_median> statistical_neighbours_median;
};

struct trend {
    organisation_ref organisation;
    benchmarking::metric metric;
    group_kind group = group_kind::statistical;
    std::optional<std::int64_t> group_id; // a saved group's
    std::string group_name;
    std::vector<trend_point> points;
};

struct dashboard_item {
    benchmarking::metric metric;
    benchmarking::figure figure;
    group_statistics statistics;
    std::optional<neighbours_median> statistical_neighbours_median;
    std::optional<int> rank;
    int ranked_count = 0;
    std::optional<std::string> quartile_band;
    std::optional<benchmarking::figure> previous;
    std::optional<double> change;
    std::optional<std::string> direction;  // up, down, same
    std::optional<std::string> assessment; // better, worse, same (null for neutral metrics)
};

struct dashboard {
    organisation_ref organisation;
    std::string sector; // children or adults: whose measures it shows
    std::string period;
    std::optional<std::string> previous_period;
    group_kind group = group_kind::statistical;
    std::optional<std::int64_t> group_id; // a saved group's
    std::string group_name;
    std::vector<dashboard_item> items;
};

struct period_summary {
    std::string period;
    bool official = false;
    bool local = false;
    std::optional<benchmarking::publication> publication; // when the DfE's figures are among the official ones
};

// Imports.
enum class import_format { dfe_csww, long_values };

struct rejected_row {
    std::int64_t row = 0;
    std::string code;
    std::string name;
    std::string reason;
};

struct import_report {
    std::int64_t id = 0;
    std::string format;
    std::optional<std::string> filename;
    std::string sha256;
    std::string status; // imported, unchanged
    std::int64_t rows_read = 0;
    std::int64_t values_created = 0, values_updated = 0, values_unchanged = 0, values_suppressed = 0;
    std::int64_t reference_rows = 0, joint_rows = 0;
    std::vector<std::string> periods;
    std::vector<rejected_row> rows_rejected;
    std::optional<std::int64_t> imported_by_id;
    std::optional<std::string> imported_by_name;
    std::string created_at;
};

// Local submissions.
struct submission_revision {
    int revision = 0;
    std::string status;
    std::map<std::string, double> values;
    person_ref changed_by;
    std::string changed_at;
};

struct submission {
    std::string status; // draft, shared
    std::map<std::string, double> values;
    int revision = 0;
    std::string updated_at;
    person_ref updated_by;
};

struct period_figures {
    organisation_ref organisation;
    std::string period;
    std::map<std::string, figure> official;
    std::optional<benchmarking::submission> submission;
    std::vector<submission_revision> history;
    bool may_edit = false;
};

struct submission_change {
    std::string status;
    std::map<std::string, std::optional<double>> values;
};

} // namespace pswnet::benchmarking
