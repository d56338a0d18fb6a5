// The caseload health check's rules: who enters an authority's return and who sees a draft (as for its own
// figures), what a valid return is, and which groups an authority's share above its cap is set beside.
#pragma once

#include "benchmarking/caseload_store.hpp"
#include "benchmarking/store.hpp"
#include "core/principal.hpp"
#include "directory/comparator_groups.hpp"

namespace pswnet::benchmarking {

class caseload_check {
public:
    caseload_check(caseload_store& returns, benchmarking::store& store, directory::comparator_groups& groups)
        : returns_(returns), store_(store), groups_(groups)
    {
    }

    // The authority's share above its cap against its statistical neighbours (children's services), region,
    // England and each of the caller's organisation's saved groups. The period defaults to the newest one.
    awaitable<caseload_health> health(const principal& who, std::optional<std::int64_t> organisation_id,
                                      std::optional<std::string> period, std::optional<std::string> service);
    // A draft is seen only by its organisation (and network administrators); 404 when there is none to see.
    awaitable<caseload_return> return_of(const principal& who, std::int64_t organisation_id, std::string period,
                                         std::string service);
    awaitable<caseload_return> save(const principal& who, std::int64_t organisation_id, std::string period,
                                    std::string service, caseload_change change, audit_context audit);

private:
    awaitable<authority> authority_of(std::int64_t organisation_id, const std::vector<authority>& all);

    caseload_store& returns_;
    benchmarking::store& store_;
    directory::comparator_groups& groups_;
};

} // namespace pswnet::benchmarking
