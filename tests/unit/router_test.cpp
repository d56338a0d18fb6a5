// Route matching: literals, parameters, 404 versus 405.
#include "net/router.hpp"

#include <gtest/gtest.h>

namespace pswnet {
namespace {

handler nothing()
{
    return [](request_context&) -> awaitable<response> { co_return response{}; };
}

class router_test : public ::testing::Test {
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

TEST_F(router_test, literal_path_matches)
{
    auto m = r.match(http::verb::get, "/api/v1/organisations");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.route->path, "/api/v1/organisations");
}

TEST_F(router_test, parameters_are_captured_and_decoded)
{
    auto m = r.match(http::verb::post, "/api/v1/invitations/abc%2Ddef/accept");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.params.at("token"), "abc-def");
}

TEST_F(router_test, literal_segments_win_over_parameters)
{
    auto m = r.match(http::verb::get, "/api/v1/threads/similar");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.route->path, "/api/v1/threads/similar");
}

TEST_F(router_test, unknown_path_is_not_found_without_allow)
{
    auto m = r.match(http::verb::get, "/api/v1/nothing");
    EXPECT_FALSE(m.route);
    EXPECT_TRUE(m.allow.empty());
}

TEST_F(router_test, wrong_method_lists_the_allowed_ones)
{
    auto m = r.match(http::verb::delete_, "/api/v1/organisations/5");
    EXPECT_FALSE(m.route);
    EXPECT_EQ(m.allow, "GET, HEAD");
}

TEST_F(router_test, head_is_served_by_get_routes)
{
    EXPECT_TRUE(r.match(http::verb::head, "/api/v1/organisations/5").route);
}

TEST_F(router_test, empty_parameter_and_extra_segments_do_not_match)
{
    EXPECT_FALSE(r.match(http::verb::get, "/api/v1/organisations/").route);
    EXPECT_FALSE(r.match(http::verb::get, "/api/v1/organisations/5/neighbours/x").route);
}

TEST_F(router_test, adding_a_route_twice_is_a_programming_error)
{
    EXPECT_THROW(r.add(http::verb::get, "/api/v1/organisations", nothing()), std::logic_error);
}

TEST(query_parsing, decodes_plus_and_percent_and_keeps_first_value)
{
    auto q = parse_query("q=South+East&region=E12000008&q=ignored&x=%41%zz");
    EXPECT_EQ(q.at("q"), "South East");
    EXPECT_EQ(q.at("region"), "E12000008");
    EXPECT_EQ(q.at("x"), "A%zz");
}

} // namespace
} // namespace pswnet
