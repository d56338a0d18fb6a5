// Setting a thread's readers. Earlier events of a thread that becomes restricted stay on its own channel, which only
// its readers may subscribe to; its sector channel never carried a restricted thread's later events. Notifications
// about it are taken back from those who can no longer read it.
#include "forum/readers.hpp"

#include "db/statement.hpp"
#include "notifications/notify.hpp"

namespace pswnet::forum {
namespace {

const db::statement set_readers_sql{"forum.set_readers", R"sql(
UPDATE threads SET readers = $2, readers_organisation_id = $3, readers_region_code = $4, group_id = $5
WHERE id = $1)sql"};

const db::statement unreadable_sql{"forum.unreadable_by", R"sql(
SELECT p.id FROM people p, threads t
WHERE t.id = $1 AND p.id = ANY(string_to_array($2, ',')::bigint[])
  AND NOT thread_readable(t, p.id,
                          p.roles && ARRAY['moderator', 'network_admin']))sql"};

} // namespace

void set_readers(pqxx::work& tx, std::int64_t thread_id, const thread_readers& readers)
{
    db::exec(tx, set_readers_sql, thread_id, readers.scope, readers.organisation_id, readers.region_code,
             readers.group_id);
    // Those who can no longer read it lose their notifications about it, and with them its title.
    std::string holders;
    for (auto id : notifications::holders(tx, "thread", thread_id))
        holders += (holders.empty() ? "" : ",") + std::to_string(id);
    if (holders.empty())
        return;
    std::vector<std::int64_t> unreadable;
    for (const auto& row : db::exec(tx, unreadable_sql, thread_id, holders))
        unreadable.push_back(row[0].as<std::int64_t>());
    notifications::withdraw(tx, "thread", thread_id, unreadable);
}

} // namespace pswnet::forum
