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

int rank_of(const std::vector<role>& roles)
{
    int rank = 0;
    for (auto r : roles) {
        switch (r) {
        case role::member:
            break;
        case role::org_admin:
            rank = std::max(rank, 1);
            break;
        case role::moderator:
        case role::csw_office:
            rank = std::max(rank, 2);
            break;
        case role::network_admin:
            rank = std::max(rank, 3);
            break;
        }
    }
    return rank;
}

bool may_change_account(const principal& who, std::int64_t organisation_id, const std::vector<role>& roles)
{
    if (who.has(role::network_admin))
        return true;
    return may_manage_members(who, organisation_id) && rank_of(roles) <= rank_of({role::org_admin});
}

} // namespace pswnet::identity::policy
