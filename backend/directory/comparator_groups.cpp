// Comparator group rules: a group is its organisation's alone; members are organisations of the directory.
#include "directory/comparator_groups.hpp"

#include "core/error.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace pswnet::directory {
namespace {

bool may_change(const principal& who, const comparator_group& group)
{
    return group.organisation.id == who.organisation_id &&
           ((group.created_by && group.created_by->id == who.user_id) || who.has(role::org_admin));
}

comparator_group for_caller(const principal& who, comparator_group group)
{
    group.can_change = may_change(who, group);
    return group;
}

} // namespace

awaitable<std::vector<comparator_group>> comparator_groups::list(const principal& who)
{
    auto groups = co_await store_.list(who.organisation_id);
    for (auto& g : groups)
        g.can_change = may_change(who, g);
    co_return groups;
}

awaitable<comparator_group> comparator_groups::get(const principal& who, std::int64_t id)
{
    auto found = co_await usable_by(who, id);
    if (!found) // another organisation's group is not shown to exist
        throw api_error(errc::not_found, "Your organisation has no saved group " + std::to_string(id) + ".");
    co_return for_caller(who, std::move(*found));
}

awaitable<std::optional<comparator_group>> comparator_groups::usable_by(const principal& who, std::int64_t id)
{
    auto found = co_await store_.find(id);
    if (!found || found->organisation.id != who.organisation_id)
        co_return std::nullopt;
    co_return found;
}

awaitable<comparator_group_change> comparator_groups::checked(const principal& who, comparator_group_change change)
{
    field_errors errors;
    validation::check_text(errors, "name", change.name, 80);
    std::vector<std::int64_t> members;
    for (auto id : change.member_ids)
        if (id != who.organisation_id && std::find(members.begin(), members.end(), id) == members.end())
            members.push_back(id); // the organisation itself is always compared, so it is not a member
    if (members.empty())
        errors.add("members", "must name at least one organisation other than your own");
    else if (members.size() > max_comparator_group_members)
        errors.add("members", "must name at most " + std::to_string(max_comparator_group_members) + " organisations");
    errors.throw_if_any();
    for (std::size_t i = 0; i < change.member_ids.size(); ++i)
        if (!co_await directory_.find(change.member_ids[i]))
            errors.add("members[" + std::to_string(i) + "]", "is not an organisation in the directory");
    errors.throw_if_any();
    change.member_ids = std::move(members);
    co_return change;
}

awaitable<comparator_group> comparator_groups::changeable(const principal& who, std::int64_t id)
{
    auto group = co_await get(who, id);
    if (!group.can_change)
        throw api_error(errc::forbidden, "Only the person who saved this group, or an administrator of your "
                                         "organisation, may change it.");
    co_return group;
}

awaitable<comparator_group> comparator_groups::create(const principal& who, comparator_group_change change,
                                                      audit_context audit)
{
    change = co_await checked(who, std::move(change));
    auto id = co_await store_.create(who.organisation_id, std::move(change), max_comparator_groups, std::move(audit));
    co_return co_await get(who, id);
}

awaitable<comparator_group> comparator_groups::update(const principal& who, std::int64_t id,
                                                      comparator_group_change change, audit_context audit)
{
    auto group = co_await changeable(who, id);
    change = co_await checked(who, std::move(change));
    co_await store_.update(group, std::move(change), std::move(audit));
    co_return co_await get(who, id);
}

awaitable<void> comparator_groups::remove(const principal& who, std::int64_t id, audit_context audit)
{
    co_await changeable(who, id);
    co_await store_.remove(id, std::move(audit));
}

} // namespace pswnet::directory
