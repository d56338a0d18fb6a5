// Event payloads carry what a page needs to render the change without another request.
#include "forum/events.hpp"

#include "db/statement.hpp"

#include "forum/model_json.hpp"
#include "forum/rows.hpp"
#include "realtime/event_log.hpp"

#include <algorithm>

namespace pswnet::forum::events {
namespace {

const db::statement summary_sql{"forum.event_summary",
                                std::string("SELECT") + rows::thread_columns + rows::thread_from + "WHERE t.id = $2"};
const db::statement post_sql{"forum.event_post",
                             std::string("SELECT") + rows::post_columns + rows::post_from + "WHERE p.id = $1"};

const db::statement insert_notification{"forum.insert_notification", R"sql(
INSERT INTO notifications (user_id, kind, thread_id, post_id, actor_id)
SELECT $1, $2, $3, $4, $5 FROM people WHERE id = $1 AND active
RETURNING id, rfc3339(created_at))sql"};

const db::statement unread_count{"forum.unread_count",
                                 "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL"};

constexpr const char* actor_sql =
    "SELECT id, display_name, organisation_id, organisation_name, organisation_code FROM people WHERE id = $1";

} // namespace

thread_summary summary(pqxx::work& tx, std::int64_t thread_id)
{
    return rows::read_thread(db::exec(tx, summary_sql, 0, thread_id).at(0));
}

post stored_post(pqxx::work& tx, std::int64_t post_id)
{
    return rows::read_post(db::exec(tx, post_sql, post_id, 0).at(0));
}

void thread_event(pqxx::work& tx, std::int64_t thread_id, std::string_view type, const nlohmann::json& data)
{
    realtime::append_event(tx, "thread:" + std::to_string(thread_id), type, data.dump());
}

void sector_event(pqxx::work& tx, const thread_summary& thread, std::string_view type)
{
    // A sector's channel is the whole network's: a restricted thread's title must not go out on it.
    if (thread.readers.scope != "network")
        return;
    realtime::append_event(tx, "sector:" + thread.sector, type, nlohmann::json{{"thread", to_json(thread)}}.dump());
}

void rewrite_post(pqxx::work& tx, const post& p, const nlohmann::json& fields)
{
    realtime::rewrite_subject(tx, "thread:" + std::to_string(p.thread_id), "post", p.id, fields.dump());
}

std::vector<std::int64_t> notify(pqxx::work& tx, const std::vector<std::int64_t>& recipients, const notice& n)
{
    std::vector<std::int64_t> notified;
    if (recipients.empty())
        return notified;
    auto thread = summary(tx, n.thread_id);
    std::optional<author> actor;
    if (n.actor_id)
        actor = rows::read_author(tx.exec_params1(actor_sql, *n.actor_id), 0);
    for (auto user_id : recipients) {
        if (user_id == n.actor_id || std::find(notified.begin(), notified.end(), user_id) != notified.end())
            continue;
        auto inserted = db::exec(tx, insert_notification, user_id, n.kind, n.thread_id, n.post_id, n.actor_id);
        if (inserted.empty())
            continue; // a disabled account
        notification note;
        note.id = inserted[0][0].as<std::int64_t>();
        note.kind = n.kind;
        note.thread_id = n.thread_id;
        note.post_id = n.post_id;
        note.thread_title = thread.title;
        note.actor = actor;
        note.created_at = inserted[0][1].as<std::string>();
        auto unread = db::exec(tx, unread_count, user_id)[0][0].as<int>();
        realtime::append_event(tx, "user:" + std::to_string(user_id), "notification.created",
                               nlohmann::json{{"notification", to_json(note)}, {"unread_count", unread}}.dump());
        notified.push_back(user_id);
    }
    return notified;
}

} // namespace pswnet::forum::events
