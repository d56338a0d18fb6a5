// Sign-in failure limits.
#include "identity/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace pswnet::identity {
namespace {

using namespace std::chrono_literals;

TEST(rate_limiter, blocks_after_the_limit_within_the_window)
{
    rate_limiter limiter(3, 60s);
    auto t0 = rate_limiter::clock::now();
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(limiter.blocked_for("a", t0));
        limiter.record_failure("a", t0);
    }
    auto wait = limiter.blocked_for("a", t0 + 10s);
    ASSERT_TRUE(wait);
    EXPECT_EQ(wait->count(), 50);
}

TEST(rate_limiter, failures_expire_after_the_window)
{
    rate_limiter limiter(2, 60s);
    auto t0 = rate_limiter::clock::now();
    limiter.record_failure("a", t0);
    limiter.record_failure("a", t0);
    EXPECT_TRUE(limiter.blocked_for("a", t0 + 59s));
    EXPECT_FALSE(limiter.blocked_for("a", t0 + 60s));
}

TEST(rate_limiter, keys_are_independent_and_reset_clears)
{
    rate_limiter limiter(1, 60s);
    limiter.record_failure("a");
    EXPECT_TRUE(limiter.blocked_for("a"));
    EXPECT_FALSE(limiter.blocked_for("b"));
    limiter.reset("a");
    EXPECT_FALSE(limiter.blocked_for("a"));
}

TEST(rate_limiter, memory_is_bounded_by_max_keys)
{
    rate_limiter limiter(5, 60s, 100);
    for (int i = 0; i < 10'000; ++i)
        limiter.record_failure("key" + std::to_string(i));
    EXPECT_LE(limiter.tracked_keys(), 100u);
}

} // namespace
} // namespace pswnet::identity
