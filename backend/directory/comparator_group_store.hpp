// SQL of comparator groups.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "core/references.hpp"
#include "db/pool.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::directory {

struct comparator_group {
    std::int64_t id = 0;
    organisation_ref organisation; // whose group it is
    std::string name;
    std::vector<organisation_ref> members; // by name; never the organisation itself
    std::optional<person_ref> created_by;  // empty once that account is gone
    std::string created_at;
    std::string updated_at;
    bool can_change = false; // for the caller: set by the rules, not the store
};

struct comparator_group_change {
    std::string name;
    std::vector<std::int64_t> member_ids;
};

class comparator_group_store {
public:
    explicit comparator_group_store(db::pool& pool) : pool_(pool) {}

    awaitable<std::vector<comparator_group>> list(std::int64_t organisation_id);
    awaitable<std::optional<comparator_group>> find(std::int64_t id);
    // Throws 409 when the organisation has a group of that name, or max_groups already.
    awaitable<std::int64_t> create(std::int64_t organisation_id, comparator_group_change change, std::size_t max_groups,
                                   audit_context audit);
    awaitable<void> update(const comparator_group& group, comparator_group_change change, audit_context audit);
    awaitable<void> remove(std::int64_t id, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::directory
