// SQL of calendar feeds: one per person, known by the hash of its secret; and the meetings a feed shows.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "meetings/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::meetings {

// A feed shows meetings from this many days ago on, and at most max_feed_meetings of them.
inline constexpr int feed_days_back = 90;
inline constexpr int max_feed_meetings = 500;

class feed_store {
public:
    explicit feed_store(db::pool& pool) : pool_(pool) {}

    // When the person's feed was made; none without one.
    awaitable<std::optional<std::string>> made_at(std::int64_t person_id);
    // Replaces any earlier feed; returns when it was made.
    awaitable<std::string> replace(std::int64_t person_id, const std::string& token_hash, audit_context audit);
    awaitable<void> revoke(std::int64_t person_id, audit_context audit);

    // The active person whose feed has this hash.
    awaitable<std::optional<std::int64_t>> owner(const std::string& token_hash);
    // The meetings of the person's groups, cancelled ones included, soonest first.
    awaitable<std::vector<meeting>> meetings_of(std::int64_t person_id);

private:
    db::pool& pool_;
};

} // namespace pswnet::meetings
