// SQL of meetings: the meetings of groups, their papers and the answers to them. Every write is audited, tells the
// people it concerns through notifications, and goes out on the group's channel, in its own transaction.
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

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    // Meetings of a group with `viewer`'s own answer; the caller has checked that they may read the group's.
    awaitable<meeting_page> list(std::int64_t viewer, std::int64_t group_id, meeting_filter filter);
    awaitable<std::optional<meeting>> find(std::int64_t viewer, std::int64_t id);
    awaitable<std::vector<std::int64_t>> paper_ids(std::int64_t id);

    // Tells the group's members (kind `meeting`).
    awaitable<std::int64_t> create(const group_ref& group, const meeting_fields& fields, audit_context audit);
    // `tell`: the date, times, place or link changed, so those going or maybe going are told.
    awaitable<void> update(const meeting& before, const meeting_fields& after, bool tell, audit_context audit);
    // False when it was cancelled meanwhile.
    awaitable<bool> cancel(const meeting& m, const std::string& reason, audit_context audit);

    awaitable<rsvp_counts> answer(const meeting& m, std::int64_t person_id, const std::string& answer);
    awaitable<std::vector<attendee>> attendees(std::int64_t id);
    // False when the meeting has minutes already.
    awaitable<bool> link_minutes(const meeting& m, std::int64_t thread_id, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::meetings
