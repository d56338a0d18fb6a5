// The session cache: expiry, invalidation, and its bound.
#include "identity/session_cache.hpp"

#include <gtest/gtest.h>

namespace pswnet::identity {
namespace {

using namespace std::chrono_literals;

principal session(std::int64_t session_id, std::int64_t user_id)
{
    principal p;
    p.session_id = session_id;
    p.user_id = user_id;
    return p;
}

TEST(SessionCache, RemembersUntilMaxAge)
{
    session_cache cache(2000ms, 10);
    auto t0 = session_cache::clock::now();
    cache.remember("a", session(1, 7), t0);
    ASSERT_TRUE(cache.find("a", t0 + 1999ms));
    EXPECT_EQ(cache.find("a", t0 + 1999ms)->user_id, 7);
    EXPECT_FALSE(cache.find("a", t0 + 2000ms));
}

TEST(SessionCache, SigningOutAndDisablingForgetAtOnce)
{
    session_cache cache(60s, 10);
    cache.remember("a", session(1, 7));
    cache.remember("b", session(2, 7));
    cache.remember("c", session(3, 8));
    cache.forget_session(1);
    EXPECT_FALSE(cache.find("a"));
    EXPECT_TRUE(cache.find("b"));
    cache.forget_user(7);
    EXPECT_FALSE(cache.find("b"));
    EXPECT_TRUE(cache.find("c"));
}

TEST(SessionCache, StaysWithinItsBound)
{
    session_cache cache(60s, 100);
    for (int i = 0; i < 10'000; ++i)
        cache.remember("token" + std::to_string(i), session(i, i));
    EXPECT_LE(cache.size(), 100u);
}

TEST(SessionCache, ZeroAgeTurnsItOff)
{
    session_cache cache(0ms, 10);
    cache.remember("a", session(1, 7));
    EXPECT_FALSE(cache.find("a"));
}

} // namespace
} // namespace pswnet::identity
