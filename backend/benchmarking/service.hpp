// Benchmarking's rules: validation, authorization (through policy) and the assembly of comparisons, trends and
// dashboards from the store's figures.
#pragma once

#include "benchmarking/comparison.hpp"
#include "benchmarking/model.hpp"
#include "benchmarking/store.hpp"
#include "benchmarking/submission_store.hpp"
#include "core/principal.hpp"
#include "directory/comparator_groups.hpp"

#include <boost/asio/thread_pool.hpp>

namespace pswnet::benchmarking {

struct view_query {
    std::optional<std::int64_t> organisation_id; // the caller's own when empty
    std::optional<std::string> metric;
    std::optional<std::string> period;
    std::optional<std::string> group;
    std::optional<std::int64_t> group_id; // one of the caller's organisation's saved comparator groups
    std::optional<std::string> sector;    // the dashboard's: children or adults; the caller's own when empty
};

struct import_request {
    std::string_view body; // the caller keeps it alive until the import is done
    std::optional<std::string> format;
    std::optional<std::string> filename;
};

class service {
public:
    service(benchmarking::store& store, submission_store& submissions, directory::comparator_groups& groups,
            boost::asio::thread_pool& cpu)
        : store_(store), submissions_(submissions), groups_(groups), cpu_(cpu)
    {
    }

    awaitable<std::vector<metric>> metrics(const principal& who);
    awaitable<metric> add_metric(const principal& who, new_metric m, audit_context audit);
    awaitable<std::vector<period_summary>> periods(const principal& who);

    awaitable<comparison> compare(const principal& who, view_query q);
    awaitable<trend> trend_of(const principal& who, view_query q);
    awaitable<benchmarking::dashboard> dashboard(const principal& who, view_query q);

    // who is empty for the command line, which is trusted.
    awaitable<import_report> import(const std::optional<principal>& who, import_request request, audit_context audit);
    awaitable<std::vector<import_report>> imports(const principal& who);

    awaitable<period_figures> period_figures_of(const principal& who, std::int64_t organisation_id, std::string period);
    awaitable<period_figures> save_submission(const principal& who, std::int64_t organisation_id, std::string period,
                                              submission_change change, audit_context audit);

private:
    struct subject_context {
        authority subject;
        std::vector<authority> all;
        std::vector<neighbour_link> neighbours;
        group_definition group;
        std::optional<std::int64_t> group_id; // a saved group's
    };

    awaitable<metric> find_metric(const std::optional<std::string>& key, field_errors& errors);
    // The authority and its group; an adults' view is never compared with the DfE's children's model.
    awaitable<subject_context> subject_of(const principal& who, const view_query& q, std::string_view sector,
                                          field_errors& errors);
    awaitable<organisation_ref> organisation_of(std::int64_t organisation_id);
    // The period asked for, or the newest with the metric's official figures (else shared local ones); 404 when none.
    awaitable<std::string> period_or_newest(const std::optional<std::string>& period, const metric& m);

    benchmarking::store& store_;
    submission_store& submissions_;
    directory::comparator_groups& groups_;
    boost::asio::thread_pool& cpu_;
};

} // namespace pswnet::benchmarking
