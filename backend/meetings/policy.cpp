#include "meetings/policy.hpp"

#include "groups/policy.hpp"

namespace pswnet::meetings::policy {

bool may_arrange(const principal& who, const groups::group& g)
{
    return groups::policy::may_manage(who, g);
}

bool may_manage(const principal& who, const groups::group& g, const meeting& m)
{
    return may_arrange(who, g) || (m.organiser.id == who.user_id && g.my_role.has_value());
}

bool may_answer(const groups::group& g, const meeting& m)
{
    return g.my_role.has_value() && !m.cancelled_at && !m.ended;
}

bool may_complete(const principal& who, const groups::group& g, const action& a)
{
    return may_arrange(who, g) || a.owner.id == who.user_id;
}

} // namespace pswnet::meetings::policy
