// SQL of what other organisations do with a resource: mark that they use it (its author hears of it), and start
// discussions about it (its author hears of those too).
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "library/model.hpp"

#include <string>
#include <vector>

namespace pswnet::library {

class adoption_store {
public:
    explicit adoption_store(db::pool& pool) : pool_(pool) {}

    awaitable<endorsement_change> endorse(std::int64_t resource_id, bool on, audit_context audit,
                                          std::int64_t organisation_id);

    // Links a new discussion to the resource, and tells the resource's author of it.
    awaitable<void> link_thread(std::int64_t resource_id, std::int64_t thread_id, std::string thread_title,
                                std::int64_t started_by);
    awaitable<std::vector<std::int64_t>> thread_ids(std::int64_t resource_id);

private:
    db::pool& pool_;
};

} // namespace pswnet::library
