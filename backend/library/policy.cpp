// Library access rules; the store applies the same visibility in SQL for lists and search (visible_sql).
#include "library/policy.hpp"

namespace pswnet::library::policy {

bool sees_everything(const principal& who)
{
    return who.has(role::moderator) || who.has(role::network_admin);
}

bool may_see(const viewer& v, const resource& r, bool reads_group)
{
    if (v.sees_everything || r.visibility == resource_visibility::network)
        return true;
    if (r.visibility == resource_visibility::group)
        return reads_group;
    if (r.organisation.id == v.organisation_id)
        return true;
    return r.visibility == resource_visibility::region && r.region_code && v.region_code &&
           *r.region_code == *v.region_code;
}

bool may_edit(const principal& who, const resource& r)
{
    return sees_everything(who) || r.author.id == who.user_id ||
           (who.has(role::org_admin) && who.organisation_id == r.organisation.id);
}

forum::thread_readers discussion_readers(const resource& r)
{
    if (r.visibility == resource_visibility::group)
        return {.scope = "group", .group_id = r.group_id, .name = r.group_name};
    if (r.visibility == resource_visibility::region && r.region_code)
        return {.scope = "region", .organisation_id = r.organisation.id, .region_code = r.region_code};
    if (r.visibility == resource_visibility::region || r.visibility == resource_visibility::organisation)
        return {.scope = "organisation", .organisation_id = r.organisation.id};
    return {};
}

} // namespace pswnet::library::policy
