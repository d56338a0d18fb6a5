// SQL of benchmarking: the metric catalogue, figures (official and shared local), reference figures and imports.
// Local submissions have their own store (submission_store). libpqxx stays in these two.
#pragma once

#include "benchmarking/comparison.hpp"
#include "benchmarking/import_file.hpp"
#include "benchmarking/model.hpp"
#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::benchmarking {

struct import_meta {
    std::optional<std::string> filename;
    std::string sha256;
    audit_context audit;
};

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    awaitable<std::vector<metric>> metrics();
    awaitable<metric> add_metric(new_metric m, audit_context audit);

    awaitable<std::vector<period_summary>> periods();
    // The newest period with official figures for the measure, else the newest with shared local ones.
    awaitable<std::optional<std::string>> newest_period_for_metric(std::string metric_key);
    // The same for the sector's measures (children or adults, and those of both).
    awaitable<std::optional<std::string>> newest_period_for_sector(std::string sector);
    // Whether the sector's measures (and those of both) have any figure in the period.
    awaitable<bool> has_figures(std::string period, std::string sector);

    awaitable<std::vector<authority>> authorities();
    awaitable<std::optional<organisation_ref>> organisation(std::int64_t id);
    awaitable<std::vector<neighbour_link>> statistical_neighbours(std::int64_t organisation_id);

    // Every authority's figures for one metric (or all, when empty), over the given periods (or all, when empty).
    awaitable<std::map<std::string, figure_table>> figures(std::optional<std::string> metric_key,
                                                           std::vector<std::string> periods);
    awaitable<std::map<std::string, reference_table>> reference_figures(std::optional<std::string> metric_key,
                                                                        std::vector<std::string> periods);

    awaitable<import_directory> import_directory();
    awaitable<import_report> save_import(import_file file, import_meta meta);
    awaitable<std::vector<import_report>> imports(int limit);

    awaitable<std::map<std::string, figure>> official_figures(std::int64_t organisation_id, std::string period);

private:
    db::pool& pool_;
};

} // namespace pswnet::benchmarking
