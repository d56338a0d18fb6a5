// Who holds an organisation's Principal Social Worker posts (identity/who_is_who.hpp): listed, held by someone not
// listed, or vacant, for children's and adults' services apart.
#include "identity/who_is_who.hpp"

#include <gtest/gtest.h>

namespace pswnet::identity {
namespace {

person_card card(std::int64_t id, psw_role role)
{
    return {.id = id, .display_name = "Person " + std::to_string(id), .principal_social_worker = role};
}

TEST(WhoIsWho, AListedHolderFillsThePostForTheirServices)
{
    auto roles = psw_roles_of({.listed = {card(1, psw_role::children), card(2, psw_role::none)}});
    ASSERT_EQ(roles.size(), 2U);
    EXPECT_EQ(roles[0].services, sector::children);
    EXPECT_EQ(roles[0].held, psw_holding::state::listed);
    ASSERT_EQ(roles[0].holders.size(), 1U);
    EXPECT_EQ(roles[0].holders[0].id, 1);
    EXPECT_EQ(roles[1].services, sector::adults);
    EXPECT_EQ(roles[1].held, psw_holding::state::vacant);
    EXPECT_TRUE(roles[1].holders.empty());
}

TEST(WhoIsWho, BothMeansBothPostsAndAnUnlistedHolderIsNotVacant)
{
    auto roles = psw_roles_of({.listed = {card(3, psw_role::both)}});
    EXPECT_EQ(roles[0].held, psw_holding::state::listed);
    EXPECT_EQ(roles[1].held, psw_holding::state::listed);

    roles = psw_roles_of({.listed = {}, .unlisted_children_psw = false, .unlisted_adults_psw = true});
    EXPECT_EQ(roles[0].held, psw_holding::state::vacant);
    EXPECT_EQ(roles[1].held, psw_holding::state::unlisted);
    EXPECT_TRUE(roles[1].holders.empty()) << "an unlisted holder is never named";
}

TEST(WhoIsWho, RolesReadAndWriteAsTheApiSpellsThem)
{
    for (auto role : {psw_role::none, psw_role::children, psw_role::adults, psw_role::both})
        EXPECT_EQ(parse_psw_role(to_string(role)), role);
    EXPECT_EQ(to_string(psw_role::none), "no");
    EXPECT_FALSE(parse_psw_role("yes"));
}

} // namespace
} // namespace pswnet::identity
