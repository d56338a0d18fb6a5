// Route matching: literals, parameters, 404 versus 405.
#include "net/router.hpp"

#include <gtest/gtest.h>

namespace pswnet {
namespace {

handler nothing()
{
    return [](request_context&) -> awaitable<response> { co_return response{}; };
}

class RouterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        r.add(http::verb::get, "/api/v1/organisations", nothing());
        r.add(http::verb::get, "/api/v1/organisations/{id}", nothing());
        r.add(http::verb::get, "/api/v1/organisations/{id}/neighbours", nothing());
        r.add(http::verb::get, "/api/v1/threads/similar", nothing());
        r.add(http::verb::get, "/api/v1/threads/{id}", nothing());
        r.add(http::verb::post, "/api/v1/invitations/{token}/accept", nothing());
    }
    router r;
};

TEST_F(RouterTest, LiteralPathMatches)
{
    auto m = r.match(http::verb::get, "/api/v1/organisations");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.route->path, "/api/v1/organisations");
}

TEST_F(RouterTest, ParametersAreCapturedAndDecoded)
{
    auto m = r.match(http::verb::post, "/api/v1/invitations/abc%2Ddef/accept");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.params.at("token"), "abc-def");
}

TEST_F(RouterTest, LiteralSegmentsWinOverParameters)
{
    auto m = r.match(http::verb::get, "/api/v1/threads/similar");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.route->path, "/api/v1/threads/similar");
}

TEST_F(RouterTest, UnknownPathIsNotFoundWithoutAllow)
{
    auto m = r.match(http::verb::get, "/api/v1/nothing");
    EXPECT_FALSE(m.route);
    EXPECT_TRUE(m.allow.empty());
}

TEST_F(RouterTest, WrongMethodListsTheAllowedOnes)
{
    auto m = r.match(http::verb::delete_, "/api/v1/organisations/5");
    EXPECT_FALSE(m.route);
    EXPECT_EQ(m.allow, "GET, HEAD");
}

TEST_F(RouterTest, HeadIsServedByGetRoutes)
{
    EXPECT_TRUE(r.match(http::verb::head, "/api/v1/organisations/5").route);
}

TEST_F(RouterTest, EmptyParameterAndExtraSegmentsDoNotMatch)
{
    EXPECT_FALSE(r.match(http::verb::get, "/api/v1/organisations/").route);
    EXPECT_FALSE(r.match(http::verb::get, "/api/v1/organisations/5/neighbours/x").route);
}

TEST_F(RouterTest, AddingARouteTwiceIsAProgrammingError)
{
    EXPECT_THROW(r.add(http::verb::get, "/api/v1/organisations", nothing()), std::logic_error);
}

TEST(QueryParsing, DecodesPlusAndPercentAndKeepsFirstValue)
{
    auto q = parse_query("q=South+East&region=E12000008&q=ignored&x=%41%zz");
    EXPECT_EQ(q.at("q"), "South East");
    EXPECT_EQ(q.at("region"), "E12000008");
    EXPECT_EQ(q.at("x"), "A%zz");
}

} // namespace
} // namespace pswnet
