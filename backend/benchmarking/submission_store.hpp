// SQL of local submissions: what an organisation enters for a period before (or beside) the official figures,
// as a draft or shared, with every revision kept.
#pragma once

#include "benchmarking/model.hpp"
#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pswnet::benchmarking {

class submission_store {
public:
    explicit submission_store(db::pool& pool) : pool_(pool) {}

    awaitable<std::optional<submission>> find_submission(std::int64_t organisation_id, std::string period);
    awaitable<std::vector<submission_revision>> submission_history(std::int64_t organisation_id, std::string period);
    awaitable<void> save_submission(std::int64_t organisation_id, std::string period, submission_change change,
                                    audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::benchmarking
