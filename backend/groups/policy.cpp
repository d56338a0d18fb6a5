#include "groups/policy.hpp"

namespace pswnet::groups::policy {

bool sees_all(const principal& who)
{
    return who.has(role::moderator) || who.has(role::network_admin);
}

bool may_see(const principal& who, const group& g)
{
    return g.privacy != "private" || g.my_role.has_value() || sees_all(who);
}

bool may_read_content(const principal& who, const group& g)
{
    return g.privacy == "open" || g.my_role.has_value() || sees_all(who);
}

bool may_manage(const principal& who, const group& g)
{
    return g.my_role == "owner" || who.has(role::network_admin);
}

bool may_create(const principal& who, const std::string& kind, bool owns_a_group)
{
    return who.has(role::network_admin) || (kind == "interest" && owns_a_group);
}

bool may_post(const principal& who, const group& g)
{
    return g.my_role.has_value() || who.has(role::network_admin);
}

} // namespace pswnet::groups::policy
