// Action rules: a group's actions are listed to those who read its content, given and changed by those who manage
// it, and marked done by them or by the action's owner, who must be a member. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "db/write_limits.hpp"
#include "groups/service.hpp"
#include "meetings/action_store.hpp"
#include "meetings/service.hpp"

namespace pswnet::meetings {

class actions {
public:
    actions(action_store& store, groups::service& groups, meetings::service& meetings, db::write_limits& limits)
        : store_(store), groups_(groups), meetings_(meetings), limits_(limits)
    {
    }

    // 404 for a group the caller does not know, 403 when they may not read its content.
    awaitable<std::vector<action_view>> list(const principal& who, std::int64_t group_id, action_state state);
    awaitable<action_view> create(const principal& who, std::int64_t group_id, action_change change,
                                  audit_context audit);
    awaitable<action_view> update(const principal& who, std::int64_t id, action_change change, audit_context audit);

private:
    awaitable<groups::group> readable_group(const principal& who, std::int64_t group_id);
    awaitable<void> check(const action_change& change, std::int64_t group_id, bool is_new);

    action_store& store_;
    groups::service& groups_;
    meetings::service& meetings_;
    db::write_limits& limits_;
};

} // namespace pswnet::meetings
