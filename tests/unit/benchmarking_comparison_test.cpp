// Groups (statistical neighbours, region, England), their ranking, references, previous periods, the access rules
// and the CSV export.
#include "benchmarking/comparison.hpp"
#include "benchmarking/export_csv.hpp"
#include "benchmarking/policy.hpp"

#include <gtest/gtest.h>

namespace pswnet::benchmarking {
namespace {

authority la(std::int64_t id, std::string name, std::string region, std::optional<std::string> london = std::nullopt)
{
    return {{id, name, "E0" + std::to_string(id)}, region, region + " name", london, true};
}

figure value(double v, std::string period = "2023")
{
    figure f;
    f.value = v;
    f.status = figure_status::value;
    f.source = "dfe";
    f.period = std::move(period);
    return f;
}

TEST(BenchmarkingComparison, GroupsAlwaysIncludeTheAuthority)
{
    std::vector<authority> all{la(1, "Southampton", "E12000008"), la(2, "Portsmouth", "E12000008"),
                               la(3, "Coventry", "E12000005"), la(4, "Kent", "E12000008")};
    auto statistical = group_for(all[0], group_kind::statistical, all, {{3, 1, "Very close"}, {2, 2, "Close"}});
    ASSERT_EQ(statistical.members.size(), 3U);
    EXPECT_TRUE(statistical.members[0].is_subject);
    EXPECT_EQ(statistical.members[1].organisation.name, "Coventry");
    EXPECT_EQ(statistical.members[1].closeness, "Very close");
    auto region = group_for(all[0], group_kind::region, all, {});
    EXPECT_EQ(region.members.size(), 3U);
    EXPECT_EQ(region.name, "E12000008 name");
    auto england = group_for(all[0], group_kind::england, all, {});
    EXPECT_EQ(england.members.size(), 4U);
}

TEST(BenchmarkingComparison, RanksOnlyMembersWithValuesAndBandsTheSubject)
{
    std::vector<authority> all{la(1, "Southampton", "R"), la(2, "Portsmouth", "R"), la(3, "Coventry", "R"),
                               la(4, "Kent", "R")};
    figure_table figures;
    figures[1]["2023"] = value(16);
    figures[2]["2023"] = value(14);
    figure suppressed;
    suppressed.status = figure_status::suppressed;
    suppressed.suppression = "c";
    suppressed.period = "2023";
    figures[3]["2023"] = suppressed;
    auto ranked =
        rank_group(group_for(all[0], group_kind::region, all, {}), figures, "2023", polarity::lower_is_better);
    EXPECT_EQ(ranked.ranked_count, 2);
    EXPECT_EQ(ranked.rank, 2);
    EXPECT_DOUBLE_EQ(*ranked.statistics.median, 15);
    EXPECT_EQ(ranked.quartile_band, "highest");
    EXPECT_EQ(ranked.members.back().figure.status, figure_status::missing); // Kent: no row at all
    EXPECT_EQ(reason_for(ranked.members.back().figure), "no figure for 2023");
    EXPECT_EQ(reason_for(ranked.members[2].figure), "c: confidential");
}

TEST(BenchmarkingComparison, ReferencesIncludeInnerOrOuterLondon)
{
    reference_table table;
    table["E92000001"]["2023"] = {"E92000001", "England", value(16)};
    table["E13000001"]["2023"] = {"E13000001", "Inner London", value(15)};
    auto refs = references_for(la(9, "Southwark", "E12000007", "Inner London"), table, "2023");
    EXPECT_DOUBLE_EQ(*refs.england->figure.value, 16);
    EXPECT_EQ(refs.region->figure.status, figure_status::missing);
    EXPECT_DOUBLE_EQ(*refs.london_subregion->figure.value, 15);
}

TEST(BenchmarkingComparison, TheNeighboursMedianLeavesOutTheAuthorityJointReturnsLocalFiguresAndFiguresNotGiven)
{
    figure_table figures;
    figures[1]["2023"] = value(99); // the authority: never one of its own neighbours
    figures[2]["2023"] = value(14);
    figures[3]["2023"] = value(17);
    figures[4]["2023"] = value(12);
    figures[5]["2023"] = value(15);
    figure joint = value(10);
    joint.joint_with = "Kingston upon Thames / Richmond upon Thames";
    figures[6]["2023"] = joint;
    figure suppressed;
    suppressed.status = figure_status::suppressed;
    suppressed.suppression = "x";
    figures[7]["2023"] = suppressed;
    figure local = value(11);
    local.source = "local"; // an authority's own figure is not the DfE's
    figures[9]["2023"] = local;
    std::vector<neighbour_link> neighbours{{2, 1, "Close"}, {3, 2, "Close"}, {4, 3, "Close"}, {5, 4, "Close"},
                                           {6, 5, "Close"}, {7, 6, "Close"}, {8, 7, "Close"}, {9, 8, "Close"}};
    auto even = statistical_neighbours_median(neighbours, figures, "2023");
    ASSERT_TRUE(even);
    EXPECT_EQ(even->count, 4);
    EXPECT_DOUBLE_EQ(*even->value, 14.5); // 12 14 | 15 17: the mean of the middle two
    figures[8]["2023"] = value(30);       // neighbour 8 had no figure before
    EXPECT_DOUBLE_EQ(*statistical_neighbours_median(neighbours, figures, "2023")->value, 15); // 12 14 15 17 30

    auto none = statistical_neighbours_median(neighbours, figures, "2016");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->count, 0);
    EXPECT_FALSE(none->value);
    EXPECT_FALSE(statistical_neighbours_median({}, figures, "2023")); // outside the DfE's model
}

TEST(BenchmarkingComparison, PreviousPeriods)
{
    EXPECT_EQ(previous_period("2023"), "2022");
    EXPECT_EQ(previous_period("2024-Q1"), "2023-Q4");
    EXPECT_EQ(previous_period("2024-Q3"), "2024-Q2");
}

TEST(BenchmarkingPolicy, DraftsAndEditsStayWithTheOrganisation)
{
    principal admin{1, 10, 1, sector::both, {role::org_admin, role::member}};
    principal member{2, 10, 2, sector::children, {role::member}};
    principal other_admin{3, 11, 3, sector::both, {role::org_admin}};
    principal network{4, 99, 4, sector::both, {role::network_admin}};
    EXPECT_TRUE(policy::may_edit_submission(admin, 10));
    EXPECT_FALSE(policy::may_edit_submission(member, 10));
    EXPECT_FALSE(policy::may_edit_submission(other_admin, 10));
    EXPECT_TRUE(policy::may_edit_submission(network, 10));
    EXPECT_TRUE(policy::may_see_draft(member, 10));
    EXPECT_FALSE(policy::may_see_draft(other_admin, 10));
    EXPECT_FALSE(policy::may_import(admin));
    EXPECT_TRUE(policy::may_import(network));
}

TEST(BenchmarkingExport, CsvHasAByteOrderMarkSourcesAndNoFormulas)
{
    comparison c;
    c.organisation = {1, "Southampton", "E06000045"};
    c.metric.key = "caseload_fte";
    c.metric.name = "=HYPERLINK(\"x\")";
    c.metric.unit = "cases_per_fte";
    c.period = "2023";
    c.group_name = "South East";
    member m;
    m.organisation = c.organisation;
    m.is_subject = true;
    m.figure = value(16.5);
    m.rank = 3;
    c.members.push_back(m);
    c.statistics.median = 15.25;
    auto csv = comparison_csv(c);
    EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFrole,organisation_code"));
    EXPECT_NE(csv.find("subject,E06000045,Southampton,2023,caseload_fte,\"'=HYPERLINK(\"\"x\"\")\",cases_per_fte,16.5,"
                       "value,,\"DfE children's social work workforce, reporting year 2023\",3,false"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find("group_median,,South East,2023"), std::string::npos);
    EXPECT_EQ(export_filename("caseload_fte", "E06000045", "2023", group_kind::region),
              "benchmarking-caseload_fte-E06000045-2023-region.csv");
}

} // namespace
} // namespace pswnet::benchmarking
