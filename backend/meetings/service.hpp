// Meeting rules: arranging, changing and cancelling a group's meetings, answering them, seeing who answered, and
// posting the minutes as a discussion of the group. Meetings are the group's content: whoever may not read that
// finds no meeting. Every read and write asks the policy. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "db/write_limits.hpp"
#include "forum/service.hpp"
#include "groups/service.hpp"
#include "library/service.hpp"
#include "meetings/model.hpp"
#include "meetings/store.hpp"

namespace pswnet::meetings {

class service {
public:
    service(meetings::store& store, groups::service& groups, library::service& library, forum::service& forum,
            db::write_limits& limits)
        : store_(store), groups_(groups), library_(library), forum_(forum), limits_(limits)
    {
    }

    // 404 for a group the caller does not know, 403 when they may not read its content.
    awaitable<meeting_views> list(const principal& who, std::int64_t group_id, meeting_filter filter);
    awaitable<meeting_details> get(const principal& who, std::int64_t id);
    awaitable<meeting_details> create(const principal& who, std::int64_t group_id, meeting_change change,
                                      audit_context audit);
    awaitable<meeting_details> update(const principal& who, std::int64_t id, meeting_change change,
                                      audit_context audit);
    awaitable<meeting_details> cancel(const principal& who, std::int64_t id, std::string reason, audit_context audit);
    awaitable<meeting_details> answer(const principal& who, std::int64_t id, std::string answer);
    awaitable<std::vector<attendee>> attendees(const principal& who, std::int64_t id);
    awaitable<meeting_details> post_minutes(const principal& who, std::int64_t id, std::string body,
                                            bool confirm_personal_data, audit_context audit);

    // For the group's actions: a meeting of that group the caller may read; 422 naming `field` otherwise.
    awaitable<meeting> of_group(const principal& who, std::int64_t id, std::int64_t group_id, const std::string& field);

private:
    struct readable_meeting {
        meeting m;
        groups::group group;
    };
    awaitable<readable_meeting> readable(const principal& who, std::int64_t id);
    awaitable<readable_meeting> managed(const principal& who, std::int64_t id, std::string_view do_what);
    awaitable<meeting_details> details(const principal& who, const readable_meeting& found);
    awaitable<std::vector<std::int64_t>> checked_papers(const principal& who, const groups::group& g,
                                                        const std::vector<std::int64_t>& ids);

    meetings::store& store_;
    groups::service& groups_;
    library::service& library_;
    forum::service& forum_;
    db::write_limits& limits_;
};

} // namespace pswnet::meetings
