// Who may do what with groups (groups/policy.hpp): a private group is its members' alone, a restricted group's
// content is its members', owners and network administrators manage, and only they create groups.
#include "groups/policy.hpp"

#include <gtest/gtest.h>

namespace pswnet::groups::policy {
namespace {

principal person(std::vector<role> roles = {role::member})
{
    principal who;
    who.user_id = 7;
    who.organisation_id = 3;
    who.roles = std::move(roles);
    return who;
}

group of(std::string privacy, std::optional<std::string> my_role = std::nullopt)
{
    group g;
    g.id = 1;
    g.name = "South West adults' PSW network";
    g.privacy = std::move(privacy);
    g.my_role = std::move(my_role);
    return g;
}

TEST(GroupsPolicy, APrivateGroupIsKnownToItsMembersAndThoseWhoSeeEverything)
{
    EXPECT_FALSE(may_see(person(), of("private")));
    EXPECT_TRUE(may_see(person(), of("private", "member")));
    EXPECT_TRUE(may_see(person({role::moderator}), of("private")));
    EXPECT_TRUE(may_see(person(), of("restricted")));
    EXPECT_TRUE(may_see(person(), of("open")));
}

TEST(GroupsPolicy, OnlyAnOpenGroupsContentIsEveryones)
{
    EXPECT_TRUE(may_read_content(person(), of("open")));
    EXPECT_FALSE(may_read_content(person(), of("restricted")));
    EXPECT_TRUE(may_read_content(person(), of("restricted", "member")));
    EXPECT_FALSE(may_read_content(person({role::csw_office, role::org_admin}), of("restricted")));
    EXPECT_TRUE(may_read_content(person({role::network_admin}), of("private")));
}

TEST(GroupsPolicy, OwnersAndNetworkAdministratorsManage)
{
    EXPECT_TRUE(may_manage(person(), of("open", "owner")));
    EXPECT_FALSE(may_manage(person(), of("open", "member")));
    EXPECT_FALSE(may_manage(person({role::moderator}), of("open")));
    EXPECT_TRUE(may_manage(person({role::network_admin}), of("restricted")));
}

TEST(GroupsPolicy, MembersPostAndOwnersOfAGroupStartSpecialInterestGroups)
{
    EXPECT_FALSE(may_post(person(), of("open")));
    EXPECT_TRUE(may_post(person(), of("open", "member")));
    EXPECT_TRUE(may_create(person({role::network_admin}), "regional_network", false));
    EXPECT_TRUE(may_create(person(), "interest", true));
    EXPECT_FALSE(may_create(person(), "interest", false));
    EXPECT_FALSE(may_create(person(), "national_network", true));
}

} // namespace
} // namespace pswnet::groups::policy
