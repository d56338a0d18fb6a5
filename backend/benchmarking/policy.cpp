// Benchmarking's rules of access, unit-tested in tests/unit/benchmarking_policy_test.cpp.
#include "benchmarking/policy.hpp"

namespace pswnet::benchmarking::policy {

bool may_import(const principal& who)
{
    return who.has(role::network_admin);
}

bool may_add_metric(const principal& who)
{
    return who.has(role::network_admin);
}

bool may_edit_submission(const principal& who, std::int64_t organisation_id)
{
    return who.has(role::network_admin) || (who.has(role::org_admin) && who.organisation_id == organisation_id);
}

bool may_see_draft(const principal& who, std::int64_t organisation_id)
{
    return who.has(role::network_admin) || who.organisation_id == organisation_id;
}

} // namespace pswnet::benchmarking::policy
