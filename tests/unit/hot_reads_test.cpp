// The response cache on its own: what it keeps, when an answer stops being good, and what it lets go of.
#include "hot_reads/response_cache.hpp"
#include "hot_reads/scopes.hpp"

#include <gtest/gtest.h>

namespace pswnet::hot_reads {
namespace {

using namespace std::chrono_literals;
using clock = response_cache::clock;

response_cache cache_of(std::size_t max_entries = 100, std::size_t max_bytes = 1 << 20)
{
    return response_cache({.max_age = 1000ms, .max_entries = max_entries, .max_bytes = max_bytes});
}

long gauge(const response_cache& cache, const std::string& name)
{
    auto text = cache.metrics_text();
    auto at = text.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stol(text.substr(at + name.size() + 2));
}

TEST(HotReads, KeepsAnAnswerWithATagUntilItsScopeChanges)
{
    auto cache = cache_of();
    auto now = clock::now();
    EXPECT_FALSE(cache.find("1 /a", discussions, now));
    auto kept = cache.store("1 /a", cache.begin(discussions, now), R"({"items":[]})");
    EXPECT_EQ(kept.etag, entity_tag(R"({"items":[]})"));
    auto found = cache.find("1 /a", discussions, now);
    ASSERT_TRUE(found);
    EXPECT_EQ(*found->body, R"({"items":[]})");
    EXPECT_EQ(found->etag, kept.etag);

    cache.invalidate(directory | benchmarking);
    EXPECT_TRUE(cache.find("1 /a", discussions, now)) << "another scope's change leaves it";
    cache.invalidate(discussions);
    EXPECT_FALSE(cache.find("1 /a", discussions, now));
}

TEST(HotReads, RefusesAnAnswerReadWhileItsScopeChanged)
{
    auto cache = cache_of();
    auto ticket = cache.begin(discussions);
    cache.invalidate(discussions); // a write committed while the answer was being read
    auto answered = cache.store("1 /a", ticket, "old");
    EXPECT_EQ(*answered.body, "old") << "the reader still gets its answer";
    EXPECT_FALSE(cache.find("1 /a", discussions)) << "but it is not kept";
}

TEST(HotReads, ServesNothingOlderThanItsMaximumAge)
{
    auto cache = cache_of();
    auto start = clock::now();
    cache.store("1 /a", cache.begin(directory, start), "x");
    EXPECT_TRUE(cache.find("1 /a", directory, start + 1000ms));
    EXPECT_FALSE(cache.find("1 /a", directory, start + 1001ms));
}

TEST(HotReads, LetsTheLeastRecentlyUsedGoFirst)
{
    auto cache = cache_of(2);
    auto now = clock::now();
    cache.store("1 /a", cache.begin(discussions, now), "a");
    cache.store("1 /b", cache.begin(discussions, now), "b");
    EXPECT_TRUE(cache.find("1 /a", discussions, now)); // /a is now the more recent
    cache.store("1 /c", cache.begin(discussions, now), "c");
    EXPECT_TRUE(cache.find("1 /a", discussions, now));
    EXPECT_FALSE(cache.find("1 /b", discussions, now));
    EXPECT_TRUE(cache.find("1 /c", discussions, now));
}

TEST(HotReads, HoldsNoMoreBytesThanItsLimit)
{
    auto cache = cache_of(100, 16 * 100);
    auto now = clock::now();
    cache.store("too big", cache.begin(discussions, now), std::string(101, 'x'));
    EXPECT_FALSE(cache.find("too big", discussions, now)) << "one answer may take a sixteenth at most";
    for (int i = 0; i < 40; ++i)
        cache.store("k" + std::to_string(i), cache.begin(discussions, now), std::string(90, 'x'));
    EXPECT_LE(gauge(cache, "pswnet_hot_read_bytes"), 16 * 100);
    EXPECT_EQ(gauge(cache, "pswnet_hot_read_entries"), 17)
        << "the newest 17 of 40, each of 92 or 93 bytes with its key";
    EXPECT_TRUE(cache.find("k39", discussions, now));
}

TEST(HotReads, MatchesIfNoneMatchAsRfc9110Says)
{
    const std::string tag = "\"abc\"";
    EXPECT_TRUE(none_match("\"abc\"", tag));
    EXPECT_TRUE(none_match("W/\"abc\"", tag));
    EXPECT_TRUE(none_match("\"x\", \"abc\"", tag));
    EXPECT_TRUE(none_match("*", tag));
    EXPECT_FALSE(none_match("", tag));
    EXPECT_FALSE(none_match("\"abcd\"", tag));
    EXPECT_FALSE(none_match("abc", tag));
    EXPECT_FALSE(none_match(",,", tag));
}

TEST(HotReads, MapsEventsToTheScopesTheyChange)
{
    EXPECT_EQ(changed_by_event("thread:12", "post.created"), discussions);
    EXPECT_EQ(changed_by_event("sector:children", "thread.created"), discussions);
    EXPECT_EQ(changed_by_event("user:3", "notification.created"), nothing);
    EXPECT_EQ(changed_by_event("system:sessions", "session.revoked"), nothing);
    EXPECT_EQ(changed_by_event("system:changes", "benchmarking.changed"), benchmarking);
    EXPECT_EQ(changed_by_event("system:changes", "discussions.changed"), discussions);
    EXPECT_EQ(changed_by_event("system:changes", "directory.changed"), everything);
    EXPECT_EQ(changed_by_event("group:4", "member.left"), everything);
    EXPECT_EQ(changed_by_event("system:access", "access.narrowed"), everything);
    EXPECT_EQ(changed_by_event("something:new", "x"), everything);
}

} // namespace
} // namespace pswnet::hot_reads
