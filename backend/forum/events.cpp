// Event payloads carry what a page needs to render the change without another request.
#include "forum/events.hpp"

#include "db/statement.hpp"

#include "forum/model_json.hpp"
#include "forum/rows.hpp"
#include "notifications/notify.hpp"
#include "realtime/event_log.hpp"

#include <algorithm>
#include <iterator>

namespace pswnet::forum::events {
namespace {

const db::statement summary_sql{"forum.event_summary",
                                std::string("SELECT") + rows::thread_columns + rows::thread_from + "WHERE t.id = $2"};
const db::statement group_is_open{"forum.group_is_open",
                                  "SELECT 1 FROM group_directory WHERE id = $1 AND privacy = 'open'"};
const db::statement post_sql{"forum.event_post",
                             std::string("SELECT") + rows::post_columns + rows::post_from + "WHERE p.id = $1"};

// The channels the thread's lists listen on. A sector's channel is the whole network's: a restricted thread's title
// must not go out on it. A group's discussions go out on the group's channel, which only its readers may subscribe
// to, and those of an open group (the network's to read) on the sector's too.
std::vector<std::string> list_channels(pqxx::dbtransaction& tx, const thread_summary& thread)
{
    const auto sector = "sector:" + std::string(to_string(thread.sector));
    if (thread.readers.scope == "network")
        return {sector};
    if (thread.readers.scope != "group" || !thread.readers.group_id)
        return {};
    std::vector<std::string> channels{"group:" + std::to_string(*thread.readers.group_id)};
    if (!db::exec(tx, group_is_open, *thread.readers.group_id).empty())
        channels.push_back(sector);
    return channels;
}

std::vector<realtime::typed_event> on_lists(pqxx::dbtransaction& tx, const thread_summary& thread,
                                            std::string_view type, nlohmann::json thread_json)
{
    const nlohmann::json payload{{"thread", std::move(thread_json)}};
    std::vector<realtime::typed_event> events;
    for (auto& channel : list_channels(tx, thread))
        events.push_back({std::move(channel), std::string(type), payload});
    return events;
}

} // namespace

thread_summary summary(pqxx::dbtransaction& tx, std::int64_t thread_id)
{
    return rows::read_thread(db::exec(tx, summary_sql, 0, thread_id).at(0));
}

post stored_post(pqxx::dbtransaction& tx, std::int64_t post_id)
{
    return rows::read_post(db::exec(tx, post_sql, post_id, 0).at(0));
}

realtime::typed_event on_thread(std::int64_t thread_id, std::string_view type, nlohmann::json data)
{
    return {"thread:" + std::to_string(thread_id), std::string(type), std::move(data)};
}

void thread_event(pqxx::dbtransaction& tx, std::int64_t thread_id, std::string_view type, const nlohmann::json& data)
{
    realtime::append_event(tx, "thread:" + std::to_string(thread_id), type, data.dump());
}

std::vector<realtime::typed_event> list_events(pqxx::dbtransaction& tx, const thread_summary& thread,
                                               std::string_view type)
{
    return on_lists(tx, thread, type, to_json(thread));
}

std::vector<realtime::typed_event> reply_events(pqxx::dbtransaction& tx, const thread_summary& thread,
                                                const post& reply)
{
    auto thread_json = to_json(thread);
    std::vector<realtime::typed_event> events{
        on_thread(thread.id, "post.created", {{"post", to_json(public_view(thread, reply))}, {"thread", thread_json}})};
    std::ranges::move(on_lists(tx, thread, "thread.activity", std::move(thread_json)), std::back_inserter(events));
    return events;
}

void rewrite_post(pqxx::dbtransaction& tx, const post& p, const nlohmann::json& fields)
{
    realtime::rewrite_subject(tx, "thread:" + std::to_string(p.thread_id), "post", p.id, fields.dump());
}

std::vector<std::int64_t> notify(pqxx::dbtransaction& tx, const std::vector<std::int64_t>& recipients, const notice& n,
                                 const notice_text& text, std::vector<realtime::typed_event>& events)
{
    if (recipients.empty())
        return {};
    notifications::notice about{
        n.kind,
        {"thread", n.thread_id, text.thread_title, "/discussions/" + std::to_string(n.thread_id)},
        n.post_id,
        n.actor_id,
        {}};
    if (n.post_id) {
        about.about.link += "#post-" + std::to_string(*n.post_id);
        about.excerpt = text.excerpt;
    }
    return notifications::notify(tx, about, recipients, events);
}

} // namespace pswnet::forum::events
