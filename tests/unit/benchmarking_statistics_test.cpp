// Group statistics, ranks and quartile bands, checked against values worked out by hand (and against R's
// quantile(type = 7) for the quartiles).
#include "benchmarking/statistics.hpp"

#include <gtest/gtest.h>

namespace pswnet::benchmarking {
namespace {

TEST(BenchmarkingStatistics, QuartilesInterpolateBetweenClosestRanks)
{
    // R: quantile(c(13.5, 14, 14, 14.5, 16, 16.2, 16.3, 17, 17.4, 20.2), type = 7)
    auto s = statistics_of({16.0, 13.5, 14.0, 14.0, 14.5, 16.2, 16.3, 17.0, 17.4, 20.2});
    EXPECT_EQ(s.count, 10);
    EXPECT_DOUBLE_EQ(*s.lower_quartile, 14.125);
    EXPECT_DOUBLE_EQ(*s.median, 16.1);
    EXPECT_DOUBLE_EQ(*s.upper_quartile, 16.825);
    EXPECT_DOUBLE_EQ(*s.mean, 15.91);
    EXPECT_DOUBLE_EQ(*s.min, 13.5);
    EXPECT_DOUBLE_EQ(*s.max, 20.2);
}

TEST(BenchmarkingStatistics, OneValueIsEveryQuartile)
{
    auto s = statistics_of({7.5});
    EXPECT_DOUBLE_EQ(*s.lower_quartile, 7.5);
    EXPECT_DOUBLE_EQ(*s.median, 7.5);
    EXPECT_DOUBLE_EQ(*s.upper_quartile, 7.5);
}

TEST(BenchmarkingStatistics, NoValuesHaveNoStatistics)
{
    auto s = statistics_of({});
    EXPECT_EQ(s.count, 0);
    EXPECT_FALSE(s.median);
    EXPECT_FALSE(s.mean);
    EXPECT_FALSE(quartile_band(3.0, s));
}

TEST(BenchmarkingStatistics, RanksShareTiesAndFollowPolarity)
{
    std::vector<double> values{14.0, 13.5, 14.0, 16.0};
    EXPECT_EQ(competition_rank(13.5, values, polarity::lower_is_better), 1);
    EXPECT_EQ(competition_rank(14.0, values, polarity::lower_is_better), 2);
    EXPECT_EQ(competition_rank(16.0, values, polarity::lower_is_better), 4);
    EXPECT_EQ(competition_rank(16.0, values, polarity::higher_is_better), 1);
    EXPECT_EQ(competition_rank(14.0, values, polarity::higher_is_better), 2);
    EXPECT_FALSE(competition_rank(14.0, values, polarity::neutral));
}

TEST(BenchmarkingStatistics, QuartileBandsIncludeTheirUpperBoundary)
{
    auto s = statistics_of({1, 2, 3, 4, 5}); // quartiles 2, 3, 4
    EXPECT_EQ(quartile_band(2, s), "lowest");
    EXPECT_EQ(quartile_band(2.5, s), "lower_middle");
    EXPECT_EQ(quartile_band(3, s), "lower_middle");
    EXPECT_EQ(quartile_band(4, s), "upper_middle");
    EXPECT_EQ(quartile_band(4.1, s), "highest");
}

TEST(BenchmarkingStatistics, MembersWithoutAValueAreRankedLastAndNotCounted)
{
    auto make = [](std::string name, std::optional<double> value) {
        member m;
        m.organisation.name = std::move(name);
        m.figure.value = value;
        m.figure.status = value ? figure_status::value : figure_status::suppressed;
        return m;
    };
    std::vector<member> members{make("Derby", 16.2), make("Bolton", std::nullopt), make("Coventry", 14.0),
                                make("Portsmouth", 14.0), make("Leeds", 0.0)};
    rank_members(members, polarity::lower_is_better);
    ASSERT_EQ(members.size(), 5U);
    EXPECT_EQ(members[0].organisation.name, "Leeds"); // a real zero is a value
    EXPECT_EQ(members[1].organisation.name, "Coventry");
    EXPECT_EQ(members[2].organisation.name, "Portsmouth");
    EXPECT_EQ(members[1].rank, 2);
    EXPECT_EQ(members[2].rank, 2);
    EXPECT_EQ(members[3].rank, 4);
    EXPECT_EQ(members[4].organisation.name, "Bolton");
    EXPECT_FALSE(members[4].rank);
}

} // namespace
} // namespace pswnet::benchmarking
