// Identity policy.
#include "identity/policy.hpp"

#include <algorithm>

namespace pswnet::identity::policy {

bool may_manage_members(const principal& who, std::int64_t organisation_id)
{
    return who.has(role::network_admin) || (who.has(role::org_admin) && who.organisation_id == organisation_id);
}

bool may_grant(const principal& who, const std::vector<role>& roles)
{
    if (who.has(role::network_admin))
        return true;
    return who.has(role::org_admin) &&
           std::all_of(roles.begin(), roles.end(), [](role r) { return r == role::member || r == role::org_admin; });
}

} // namespace pswnet::identity::policy
