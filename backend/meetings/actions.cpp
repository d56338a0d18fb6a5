#include "meetings/actions.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "groups/policy.hpp"
#include "meetings/policy.hpp"

namespace pswnet::meetings {
namespace {

api_error no_action(std::int64_t id)
{
    return api_error(errc::not_found, "There is no action " + std::to_string(id) + ".");
}

action_view view_of(const principal& who, const groups::group& g, action a)
{
    const bool can_edit = policy::may_arrange(who, g);
    const bool can_complete = policy::may_complete(who, g, a);
    return {std::move(a), can_edit, can_complete};
}

} // namespace

awaitable<std::vector<action_view>> actions::list(const principal& who, std::int64_t group_id, action_state state)
{
    auto g = co_await readable_group(who, group_id);
    std::vector<action_view> views;
    for (auto& a : co_await store_.list(group_id, state))
        views.push_back(view_of(who, g, std::move(a)));
    co_return views;
}

awaitable<action_view> actions::create(const principal& who, std::int64_t group_id, action_change change,
                                       audit_context audit)
{
    auto g = co_await readable_group(who, group_id);
    if (!policy::may_arrange(who, g))
        throw api_error(errc::forbidden, "Only the owners of " + g.name + " give its actions.");
    field_errors errors;
    validation::check_required(errors, {{"title", change.title.has_value()},
                                        {"owner_id", change.owner_id.has_value()},
                                        {"due_on", change.due_on.has_value()}});
    errors.throw_if_any();
    co_await check(change, group_id, true);
    if (change.meeting_id)
        co_await meetings_.of_group(who, *change.meeting_id, group_id, "meeting_id");
    co_await limits_.take(who.user_id, policy::new_actions);
    auto id = co_await store_.create({g.id, g.name}, change, std::move(audit));
    co_return view_of(who, g, *co_await store_.find(id));
}

awaitable<action_view> actions::update(const principal& who, std::int64_t id, action_change change, audit_context audit)
{
    auto found = co_await store_.find(id);
    if (!found)
        throw no_action(id);
    auto g = co_await groups_.content_readable(who, found->group.id);
    if (!g)
        throw no_action(id);
    const bool only_done = !change.title && !change.owner_id && !change.due_on;
    if (!policy::may_arrange(who, *g) && !(only_done && policy::may_complete(who, *g, *found)))
        throw api_error(errc::forbidden,
                        "Only the owners of " + g->name + " change its actions; an action's owner marks it done.");
    if (change.meeting_id)
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{"meeting_id", "cannot change: an action stays with the meeting it came from"}});
    co_await check(change, found->group.id, false);
    co_await store_.update(*found, change, std::move(audit));
    co_return view_of(who, *g, *co_await store_.find(id));
}

awaitable<groups::group> actions::readable_group(const principal& who, std::int64_t group_id)
{
    auto g = co_await groups_.get(who, group_id);
    if (!groups::policy::may_read_content(who, g))
        throw api_error(errc::forbidden, "Only members of " + g.name + " see its actions: join it first.");
    co_return g;
}

awaitable<void> actions::check(const action_change& change, std::int64_t group_id, bool is_new)
{
    field_errors errors;
    if (change.title)
        validation::check_text(errors, "title", *change.title, max_action_title_length);
    if (change.due_on && !time::is_calendar_date(*change.due_on))
        errors.add("due_on", "must be a real date, written like 2026-12-15");
    if (change.owner_id && !co_await store_.is_member(group_id, *change.owner_id))
        errors.add("owner_id", "is not a member of the group: only members own its actions");
    if (is_new && change.done)
        errors.add("done", "is for marking an action done once it exists");
    errors.throw_if_any();
}

} // namespace pswnet::meetings
