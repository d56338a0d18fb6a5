// SQL of groups: the groups, their members and the requests to join. Every write is audited, tells the people it
// concerns through notifications, and goes out on the group's channel, in its own transaction.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "groups/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::groups {

// A person a group can take in: an active account.
struct candidate {
    std::int64_t id = 0;
    std::string display_name;
};

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    // Groups as `viewer` sees them (with their role); private ones only when they are a member or sees_all.
    awaitable<group_page> list(std::int64_t viewer, bool sees_all, group_filter filter);
    awaitable<std::optional<group>> find(std::int64_t viewer, std::int64_t id);
    awaitable<bool> owns_a_group(std::int64_t person_id);
    // Throws 409 when another group has the name.
    awaitable<std::int64_t> create(const group_change& g, audit_context audit);
    awaitable<void> update(std::int64_t id, const group_change& change, audit_context audit);

    awaitable<std::vector<member>> members(std::int64_t id);
    awaitable<std::optional<candidate>> person(std::optional<std::int64_t> id, std::optional<std::string> email);
    // Adds or re-roles a member. `added_by` tells the person they were added (nobody when they joined themselves).
    awaitable<void> add_member(const group& g, const candidate& person, std::string role,
                               std::optional<std::int64_t> added_by, audit_context audit);
    // Throws 409 when it would leave a group with members but no owner.
    awaitable<void> set_role(const group& g, std::int64_t person_id, std::string role, audit_context audit);
    awaitable<bool> remove_member(const group& g, std::int64_t person_id, audit_context audit);

    // A request to join tells the owners (the network administrators when it has none).
    awaitable<void> request(const group& g, std::int64_t person_id, std::string message, audit_context audit);
    awaitable<bool> withdraw_request(const group& g, std::int64_t person_id, audit_context audit);
    awaitable<std::vector<join_request>> requests(std::int64_t id);
    // Approves (the person becomes a member) or declines; tells the person. False when there is no such request.
    awaitable<bool> decide(const group& g, std::int64_t request_id, bool approve, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::groups
