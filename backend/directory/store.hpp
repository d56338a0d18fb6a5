// SQL of the organisation directory. Lists, neighbours and regions tolerate lag (they change by imports and
// administrators' commands) and may be read from a replica; lookups that decide a write are read from the primary.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/lag_tolerant_reads.hpp"
#include "db/pool.hpp"
#include "directory/model.hpp"

namespace pswnet::directory {

class store {
public:
    store(db::pool& pool, db::lag_tolerant_reads& lag_tolerant) : pool_(pool), lag_tolerant_(lag_tolerant) {}

    awaitable<organisation_page> list(organisation_filter filter);
    awaitable<std::optional<organisation>> find(std::int64_t id);
    awaitable<std::optional<organisation>> find_by_code(std::string code);
    awaitable<std::vector<neighbour>> statistical_neighbours(std::int64_t id);
    awaitable<std::vector<neighbour>> region_neighbours(std::int64_t id);
    awaitable<std::vector<region_count>> regions();
    awaitable<bool> region_exists(std::string code);
    // The new organisation's id; nullopt when its code is taken.
    awaitable<std::optional<std::int64_t>> add_employer(new_employer employer, audit_context audit);

private:
    db::pool& pool_;
    db::lag_tolerant_reads& lag_tolerant_;
};

} // namespace pswnet::directory
