// Sign-in throttling: the backoff after each failure, and the keys an attempt counts against.
#include "identity/login_throttle.hpp"

#include <gtest/gtest.h>

namespace pswnet::identity {
namespace {

using std::chrono::seconds;

TEST(LoginThrottle, LetsTheFreeFailuresThroughThenDoublesTheWait)
{
    throttle_rule rule{3};
    for (int failures = 0; failures <= 3; ++failures)
        EXPECT_EQ(backoff_after(failures, rule), seconds(0)) << failures;
    EXPECT_EQ(backoff_after(4, rule), seconds(1));
    EXPECT_EQ(backoff_after(5, rule), seconds(2));
    EXPECT_EQ(backoff_after(6, rule), seconds(4));
    EXPECT_EQ(backoff_after(13, rule), seconds(512));
}

TEST(LoginThrottle, NeverWaitsLongerThanTheLongestWaitHoweverManyFailures)
{
    throttle_rule rule{3};
    EXPECT_EQ(backoff_after(14, rule), seconds(900));
    EXPECT_EQ(backoff_after(1'000'000, rule), seconds(900));
}

TEST(LoginThrottle, CountsAnAttemptAgainstItsAccountAndAddressAndItsAddressNeverTheAccountAlone)
{
    auto keys = throttle_keys("tom@wiltshire.example", "192.0.2.7");
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].key, "account:tom@wiltshire.example address:192.0.2.7");
    EXPECT_EQ(keys[1].key, "address:192.0.2.7");
    for (const auto& k : keys)
        EXPECT_NE(k.key, "account:tom@wiltshire.example");
}

} // namespace
} // namespace pswnet::identity
