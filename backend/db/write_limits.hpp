// Per-user write limits shared by every instance (the counters live in PostgreSQL): so many posts, threads, flags,
// reminders or invitations per window, then 429 with Retry-After until the window ends.
#pragma once

#include "core/net.hpp"
#include "db/pool.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace pswnet::db {

struct write_limit {
    std::string_view action; // key of the counter: "post", "thread", ...
    int limit = 0;           // writes allowed in one window
    std::chrono::seconds window{0};
    std::string_view what; // for the message: "replies", "new discussions", ...
};

// One write's count against its limit, taken inside the write's own transaction: one commit for both, and a write
// that fails counts for nothing.
class counted_write {
public:
    counted_write(std::int64_t user_id, write_limit rule);
    // Throws api_error(rate_limited) with retry_after_seconds when this write is more than the rule allows.
    void count(pqxx::work& tx) const;

    // For a statement of the caller's own that counts the write with count_write(key, window_seconds), which db
    // publishes: then check() decides on the count and seconds left it returned, as count() does.
    const std::string& key() const { return key_; }
    double window_seconds() const;
    void check(int count, int seconds_left) const;
    // For a statement that refuses the write itself when the count passes the limit (allowed()).
    int allowed() const { return rule_.limit; }
    [[noreturn]] void refuse(int seconds_left) const;

private:
    std::string key_;
    write_limit rule_;
};

class write_limits {
public:
    // overrides: action -> (writes, window), replacing the rule a capability gives (--write-limits).
    using overrides = std::map<std::string, std::pair<int, std::chrono::seconds>, std::less<>>;
    write_limits(pool& database, overrides changed) : database_(database), overrides_(std::move(changed)) {}

    // Counts one write of `rule.action` by the user; throws api_error(rate_limited) with retry_after_seconds when
    // that is more than the rule allows in the current window.
    awaitable<void> take(std::int64_t user_id, const write_limit& rule);
    // The same count, for the caller to take inside its own transaction.
    counted_write counter(std::int64_t user_id, const write_limit& rule) const;

private:
    pool& database_;
    overrides overrides_;
};

} // namespace pswnet::db
