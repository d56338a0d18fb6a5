// SQL of caseload health check returns.
#pragma once

#include "benchmarking/caseload_health.hpp"
#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pswnet::benchmarking {

class caseload_store {
public:
    explicit caseload_store(db::pool& pool) : pool_(pool) {}

    // The organisation's return, draft or shared.
    awaitable<std::optional<caseload_return>> find(std::int64_t organisation_id, std::string period,
                                                   std::string service);
    // Every shared return of the period and service.
    awaitable<std::vector<caseload_return>> shared(std::string period, std::string service);
    // The newest period with a shared return, or with the organisation's own.
    awaitable<std::optional<std::string>> newest_period(std::int64_t organisation_id, std::string service);
    awaitable<void> save(std::int64_t organisation_id, std::string period, std::string service, caseload_change change,
                         audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::benchmarking
