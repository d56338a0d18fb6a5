// Writing what others should see, inside the transaction of the change: events for the thread's channel and its
// list's (sector or group), and notifications (rows plus an event on each recipient's own channel).
#pragma once

#include "forum/model.hpp"
#include "realtime/event_log.hpp"

#include <pqxx/pqxx>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::forum::events {

// Re-reads a thread's summary (as no one in particular sees it) within the transaction.
thread_summary summary(pqxx::dbtransaction& tx, std::int64_t thread_id);
post stored_post(pqxx::dbtransaction& tx, std::int64_t post_id);

void thread_event(pqxx::dbtransaction& tx, std::int64_t thread_id, std::string_view type, const nlohmann::json& data);

// The events below are returned, not appended: the write gathers its own and its notifications' and appends them in
// one statement (realtime::append_events, or batch_of in a statement of its own).

// On the thread's own channel.
realtime::typed_event on_thread(std::int64_t thread_id, std::string_view type, nlohmann::json data);
// On the channels the thread's lists listen on: its sector's for the network's threads, its group's for a group's.
std::vector<realtime::typed_event> list_events(pqxx::dbtransaction& tx, const thread_summary& thread,
                                               std::string_view type);
// A reply's: post.created on the thread's channel, thread.activity on its lists'.
std::vector<realtime::typed_event> reply_events(pqxx::dbtransaction& tx, const thread_summary& thread,
                                                const post& reply);

// Earlier events of the thread that carry this post now say `fields` instead (an edit's new text, a hidden body).
void rewrite_post(pqxx::dbtransaction& tx, const post& p, const nlohmann::json& fields);

struct notice {
    std::string kind;
    std::int64_t thread_id = 0;
    std::optional<std::int64_t> post_id;
    std::optional<std::int64_t> actor_id;
};

// What a notification shows of its thread and post: the title, and the post's words quoted in emails.
struct notice_text {
    std::string thread_title;
    std::string excerpt; // empty when the notice is about no post
};

// Through notifications::notify, about the thread (and the post, quoted in emails); returns who was notified. The
// notifications' live events are added to `events`, for the write to append with its own.
std::vector<std::int64_t> notify(pqxx::dbtransaction& tx, const std::vector<std::int64_t>& recipients, const notice& n,
                                 const notice_text& text, std::vector<realtime::typed_event>& events);

} // namespace pswnet::forum::events
