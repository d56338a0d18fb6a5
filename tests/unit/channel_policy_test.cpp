// Real-time channel names and the rule that a user's own channel is theirs alone.
#include "realtime/channel_policy.hpp"
#include "realtime/event.hpp"

#include <gtest/gtest.h>

namespace pswnet::realtime {
namespace {

bool allowed(const channel_policy& policy, const principal& who, const std::string& channel)
{
    net::io_context io;
    bool result = false;
    net::co_spawn(io, policy.may_subscribe(who, channel), [&](std::exception_ptr e, bool value) {
        if (e)
            std::rethrow_exception(e);
        result = value;
    });
    io.run();
    return result;
}

TEST(ChannelPolicy, NamesAreKindColonKeyInASmallAlphabet)
{
    EXPECT_TRUE(channel_policy::well_formed("thread:42"));
    EXPECT_TRUE(channel_policy::well_formed("sector:children"));
    EXPECT_FALSE(channel_policy::well_formed("thread:"));
    EXPECT_FALSE(channel_policy::well_formed(":42"));
    EXPECT_FALSE(channel_policy::well_formed("thread:4,2"));
    EXPECT_FALSE(channel_policy::well_formed("Thread:42"));
    EXPECT_FALSE(channel_policy::well_formed("thread:" + std::string(60, '1')));
}

TEST(ChannelPolicy, OwnUserChannelOnly)
{
    channel_policy policy;
    principal who;
    who.user_id = 5;
    EXPECT_TRUE(allowed(policy, who, "user:5"));
    EXPECT_FALSE(allowed(policy, who, "user:6"));
}

TEST(ChannelPolicy, UnknownKindsAreRefusedAndRulesAreAsked)
{
    channel_policy policy;
    policy.add("sector", [](const principal&, std::string key) -> awaitable<bool> { co_return key == "adults"; });
    principal who;
    EXPECT_TRUE(allowed(policy, who, "sector:adults"));
    EXPECT_FALSE(allowed(policy, who, "sector:pets"));
    EXPECT_FALSE(allowed(policy, who, "consultation:1"));
}

TEST(EventMessage, SplicesTheStoredPayload)
{
    auto text = event_message({7, "thread:1", "post.created", R"({"post":{"id":3}})"});
    auto parsed = nlohmann::json::parse(text);
    EXPECT_EQ(parsed["type"], "event");
    EXPECT_EQ(parsed["id"], 7);
    EXPECT_EQ(parsed["event"], "post.created");
    EXPECT_EQ(parsed["data"]["post"]["id"], 3);
}

} // namespace
} // namespace pswnet::realtime
