// SQL of a group's actions. Every write is audited, tells the action's owner through notifications, and goes out on
// the group's channel with the action, in its own transaction.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "meetings/model.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace pswnet::meetings {

inline constexpr int max_listed_actions = 500;

class action_store {
public:
    explicit action_store(db::pool& pool) : pool_(pool) {}

    awaitable<std::vector<action>> list(std::int64_t group_id, action_state state);
    awaitable<std::optional<action>> find(std::int64_t id);
    // Whether the person is an active member of the group: only members own its actions.
    awaitable<bool> is_member(std::int64_t group_id, std::int64_t person_id);

    // `change` names the title, owner and due date; its owner is told (kind `group_action`).
    awaitable<std::int64_t> create(const group_ref& group, const action_change& change, audit_context audit);
    // A new owner is told.
    awaitable<void> update(const action& before, const action_change& change, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::meetings
