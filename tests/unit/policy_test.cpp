// Identity policy: who manages which organisation's members, and which roles they may give.
#include "identity/policy.hpp"

#include <gtest/gtest.h>

namespace pswnet::identity {
namespace {

principal someone(std::int64_t organisation, std::vector<role> roles)
{
    principal p;
    p.user_id = 1;
    p.organisation_id = organisation;
    p.roles = std::move(roles);
    return p;
}

TEST(Principal, ReadsRoleListsAsTheDatabaseWritesThem)
{
    EXPECT_EQ(parse_role_list("member,org_admin"), (std::vector<role>{role::member, role::org_admin}));
    EXPECT_EQ(parse_role_list("network_admin"), (std::vector<role>{role::network_admin}));
    EXPECT_TRUE(parse_role_list("").empty());
    EXPECT_EQ(parse_role_list("member,,unknown,moderator,"), (std::vector<role>{role::member, role::moderator}));
}

TEST(IdentityPolicy, OrgAdminManagesOnlyTheirOwnOrganisation)
{
    auto admin = someone(10, {role::member, role::org_admin});
    EXPECT_TRUE(policy::may_manage_members(admin, 10));
    EXPECT_FALSE(policy::may_manage_members(admin, 11));
}

TEST(IdentityPolicy, MembersAndOfficesManageNobody)
{
    EXPECT_FALSE(policy::may_manage_members(someone(10, {role::member}), 10));
    EXPECT_FALSE(policy::may_manage_members(someone(10, {role::csw_office}), 10));
    EXPECT_FALSE(policy::may_manage_members(someone(10, {role::moderator}), 10));
}

TEST(IdentityPolicy, NetworkAdminManagesEveryOrganisation)
{
    EXPECT_TRUE(policy::may_manage_members(someone(1, {role::network_admin}), 99));
}

TEST(IdentityPolicy, OrgAdminGrantsMemberAndOrgAdminOnly)
{
    auto admin = someone(10, {role::org_admin});
    EXPECT_TRUE(policy::may_grant(admin, {role::member, role::org_admin}));
    EXPECT_FALSE(policy::may_grant(admin, {role::moderator}));
    EXPECT_FALSE(policy::may_grant(admin, {role::network_admin}));
    EXPECT_TRUE(policy::may_grant(someone(1, {role::network_admin}), {role::csw_office, role::network_admin}));
}

} // namespace
} // namespace pswnet::identity

namespace pswnet::identity {
namespace {

TEST(IdentityPolicy, OrgAdminChangesNoAccountHoldingAHigherRole)
{
    auto admin = someone(7, {role::member, role::org_admin});
    EXPECT_TRUE(policy::may_change_account(admin, 7, {role::member}));
    EXPECT_TRUE(policy::may_change_account(admin, 7, {role::member, role::org_admin}));
    for (auto higher : {role::moderator, role::csw_office, role::network_admin})
        EXPECT_FALSE(policy::may_change_account(admin, 7, {role::member, higher}));
    EXPECT_FALSE(policy::may_change_account(admin, 8, {role::member})) << "another organisation";
}

TEST(IdentityPolicy, NetworkAdminChangesAnyAccount)
{
    auto network = someone(1, {role::network_admin});
    EXPECT_TRUE(policy::may_change_account(network, 7, {role::network_admin}));
    EXPECT_TRUE(policy::may_change_account(network, 7, {role::csw_office}));
}

TEST(IdentityPolicy, RanksRolesByPower)
{
    EXPECT_LT(policy::rank_of({role::member}), policy::rank_of({role::org_admin}));
    EXPECT_LT(policy::rank_of({role::org_admin}), policy::rank_of({role::moderator}));
    EXPECT_EQ(policy::rank_of({role::moderator}), policy::rank_of({role::csw_office}));
    EXPECT_LT(policy::rank_of({role::csw_office}), policy::rank_of({role::network_admin}));
}

} // namespace
} // namespace pswnet::identity
