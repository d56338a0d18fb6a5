// Per-user write limits counted in PostgreSQL: the counter is per user and action, refuses past the limit with the
// seconds left in the window, and starts again when the window has passed.
#include "database.hpp"

#include "core/error.hpp"
#include "db/write_limits.hpp"

#include <gtest/gtest.h>

namespace pswnet::db_test {
namespace {

constexpr db::write_limit three_replies{"post", 3, std::chrono::seconds(600), "replies"};

int refused_after(database& d, db::write_limits& limits, std::int64_t user, int attempts)
{
    for (int i = 1; i <= attempts; ++i) {
        try {
            d.run(limits.take(user, three_replies));
        } catch (const api_error& e) {
            EXPECT_EQ(e.code(), errc::rate_limited);
            EXPECT_TRUE(e.retry_after_seconds);
            EXPECT_GT(*e.retry_after_seconds, 0);
            EXPECT_LE(*e.retry_after_seconds, 600);
            return i;
        }
    }
    return 0;
}

TEST(WriteLimitsPg, RefusesTheWriteAfterTheLimitWithTheSecondsLeft)
{
    auto& d = shared_database();
    db::write_limits limits(d.pool(), {});
    EXPECT_EQ(refused_after(d, limits, 101, 5), 4);
    EXPECT_EQ(refused_after(d, limits, 101, 1), 1) << "still refused within the window";
}

TEST(WriteLimitsPg, CountsEachPersonAndActionApart)
{
    auto& d = shared_database();
    db::write_limits limits(d.pool(), {});
    EXPECT_EQ(refused_after(d, limits, 201, 4), 4);
    EXPECT_EQ(refused_after(d, limits, 202, 3), 0) << "another person has a counter of their own";
    d.run(limits.take(201, db::write_limit{"thread", 3, std::chrono::seconds(600), "new discussions"}));
}

TEST(WriteLimitsPg, StartsAgainWhenTheWindowHasPassed)
{
    auto& d = shared_database();
    db::write_limits limits(d.pool(), {});
    EXPECT_EQ(refused_after(d, limits, 301, 4), 4);
    auto connection = d.connect();
    pqxx::work tx(connection);
    tx.exec0("UPDATE write_limits SET window_start = now() - interval '601 seconds' WHERE key = 'post:301'");
    tx.commit();
    EXPECT_EQ(refused_after(d, limits, 301, 3), 0);
}

TEST(WriteLimitsPg, AnOverrideReplacesTheBuiltInRule)
{
    auto& d = shared_database();
    db::write_limits limits(d.pool(), {{"post", {1, std::chrono::seconds(60)}}});
    EXPECT_EQ(refused_after(d, limits, 401, 3), 2);
}

} // namespace
} // namespace pswnet::db_test
