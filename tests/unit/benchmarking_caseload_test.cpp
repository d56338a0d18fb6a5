// The caseload health check's arithmetic: who is above a cap, the pooled share and the median of shares, and saved
// comparator groups as a benchmarking group.
#include "benchmarking/caseload_health.hpp"
#include "benchmarking/comparison.hpp"

#include <gtest/gtest.h>

namespace pswnet::benchmarking {
namespace {

caseload_return returned(std::int64_t id, std::string name, int cap, caseload_counts counts)
{
    caseload_return r;
    r.organisation = {id, std::move(name), "E0" + std::to_string(id)};
    r.cap = cap;
    r.counts = counts;
    r.status = "shared";
    return r;
}

TEST(CaseloadHealth, CountsOnlyTheBandsWhollyAboveTheCap)
{
    auto wiltshire = returned(1, "Wiltshire", 18, {10, 20, 30, 8, 2});
    EXPECT_EQ(wiltshire.case_holders(), 70);
    EXPECT_EQ(wiltshire.above_cap(), 10);
    EXPECT_DOUBLE_EQ(*wiltshire.share_above_cap(), 10.0 / 70);
    wiltshire.cap = 12;
    EXPECT_EQ(wiltshire.above_cap(), 60);
    wiltshire.cap = 22;
    EXPECT_EQ(wiltshire.above_cap(), 2);
    EXPECT_FALSE(returned(2, "Nobody", 18, {0, 0, 0, 0, 0}).share_above_cap());
}

TEST(CaseloadHealth, PoolsTheMembersAndTakesTheMedianOfTheirShares)
{
    std::vector<caseload_return> shared{returned(1, "Wiltshire", 18, {10, 20, 30, 8, 2}), // 10 of 70
                                        returned(2, "Dorset", 15, {5, 5, 5, 5, 0}),       // 10 of 20
                                        returned(3, "Bristol", 22, {40, 0, 0, 0, 10}),    // 10 of 50
                                        returned(4, "Somerset", 12, {1, 1, 1, 1, 1})};    // not a member
    auto c = compare_caseloads(group_kind::region, "South West", {3, 1, 2, 9}, shared);
    EXPECT_EQ(c.authorities, 4);
    ASSERT_EQ(c.members.size(), 3U);
    EXPECT_EQ(c.members[0].organisation.name, "Bristol"); // by name
    EXPECT_EQ(c.case_holders, 140);
    EXPECT_EQ(c.above_cap, 30);
    EXPECT_DOUBLE_EQ(*c.pooled_share, 30.0 / 140);
    EXPECT_DOUBLE_EQ(*c.median_share, 10.0 / 50); // of 0.143, 0.2 and 0.5
    auto none = compare_caseloads(group_kind::england, "England", {9}, shared);
    EXPECT_EQ(none.members.size(), 0U);
    EXPECT_FALSE(none.pooled_share);
    EXPECT_FALSE(none.median_share);
}

TEST(CaseloadHealth, SavedGroupsKeepOnlyOtherAuthorities)
{
    std::vector<authority> all{{{1, "Southampton", "E06000045"}, "E12000008", "South East", std::nullopt, true},
                               {{2, "Portsmouth", "E06000044"}, "E12000008", "South East", std::nullopt, true},
                               {{3, "Wiltshire", "E06000054"}, "E12000009", "South West", std::nullopt, true}};
    auto group = saved_group_for(all[0], "Our teaching partnership", {3, 1, 99, 2}, all);
    EXPECT_EQ(group.kind, group_kind::saved);
    EXPECT_EQ(group.name, "Our teaching partnership");
    ASSERT_EQ(group.members.size(), 3U);
    EXPECT_TRUE(group.members[0].is_subject);
    EXPECT_EQ(group.members[1].organisation.name, "Wiltshire");
    EXPECT_EQ(group.members[2].organisation.name, "Portsmouth");
}

} // namespace
} // namespace pswnet::benchmarking
