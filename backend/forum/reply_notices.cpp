#include "forum/reply_notices.hpp"

#include "db/statement.hpp"
#include "forum/events.hpp"
#include "forum/recipients.hpp"
#include "forum/rows.hpp"

namespace pswnet::forum {
namespace {

// Who a new thread's opening post or a reply mentions, among those who can read it; the rule is asked of them alone.
const db::statement mentioned_sql{"forum.mentioned", R"sql(
WITH mentioned AS MATERIALIZED (
    SELECT id, roles FROM people
    WHERE active AND position('@' || lower(display_name) IN (SELECT lower($1))) > 0)
SELECT m.id FROM mentioned m JOIN threads t ON t.id = $2
WHERE thread_readable(t, m.id, m.roles && ARRAY['moderator', 'network_admin']))sql"};

// "3,17,42" -> {3, 17, 42}
std::vector<std::int64_t> ids_in(const std::string& text)
{
    std::vector<std::int64_t> ids;
    for (const auto& part : rows::split(text, ','))
        ids.push_back(std::stoll(part));
    return ids;
}

} // namespace

std::vector<std::int64_t> mentioned_in(pqxx::dbtransaction& tx, const std::string& text, std::int64_t thread_id)
{
    if (text.find('@') == std::string::npos)
        return {};
    std::vector<std::int64_t> ids;
    for (const auto& row : db::exec(tx, mentioned_sql, text, thread_id))
        ids.push_back(row[0].as<std::int64_t>());
    return ids;
}

std::vector<realtime::typed_event> notify_of_reply(pqxx::dbtransaction& tx, std::int64_t replier,
                                                   const thread_summary& thread, const post& reply,
                                                   const std::string& followers, const std::string& body)
{
    auto mentioned = mentioned_in(tx, body, thread.id);
    const events::notice_text text{thread.title, body};
    std::vector<realtime::typed_event> appended;
    for (const auto& notice : notices_for_reply(ids_in(followers), mentioned, replier))
        events::notify(tx, notice.recipients, {std::string(notice.kind), thread.id, reply.id, replier}, text, appended);
    return appended;
}

} // namespace pswnet::forum
