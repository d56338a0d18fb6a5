// Notifications, newest first, keyset-paginated on id (notifications_user_idx). Consultations and the library
// write their own notifications (consultation_id or resource_id instead of thread_id) into the same table.
#include "forum/notification_store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "forum/rows.hpp"

namespace pswnet::forum {
namespace {

constexpr const char* list_sql = R"sql(
SELECT n.id, n.kind, n.thread_id, n.post_id, t.title, rfc3339(n.created_at), n.read_at IS NOT NULL,
       a.id, a.display_name, a.organisation_id, a.organisation_name, a.organisation_code,
       n.consultation_id, c.title, n.resource_id, r.title
FROM notifications n
LEFT JOIN threads t ON t.id = n.thread_id
LEFT JOIN consultations c ON c.id = n.consultation_id
LEFT JOIN resources r ON r.id = n.resource_id
LEFT JOIN people a ON a.id = n.actor_id
WHERE n.user_id = $1 AND (NOT $2 OR n.read_at IS NULL) AND ($3::bigint IS NULL OR n.id < $3)
ORDER BY n.id DESC
LIMIT $4)sql";

constexpr const char* unread_sql = "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";

constexpr const char* mark_some_sql = R"sql(
UPDATE notifications SET read_at = now()
WHERE user_id = $1 AND read_at IS NULL AND id = ANY(string_to_array($2, ',')::bigint[]))sql";

constexpr const char* mark_all_sql = "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL";

} // namespace

awaitable<notification_page> notification_store::list(std::int64_t user_id, bool unread_only, int limit,
                                                      std::optional<std::int64_t> after_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) {
        notification_page page;
        for (const auto& row : tx.exec_params(list_sql, user_id, unread_only, after_id, limit + 1)) {
            notification n;
            n.id = row[0].as<std::int64_t>();
            n.kind = row[1].as<std::string>();
            n.thread_id = db::nullable<std::int64_t>(row[2]).value_or(0);
            n.post_id = db::nullable<std::int64_t>(row[3]);
            n.thread_title = db::nullable<std::string>(row[4]).value_or("");
            n.consultation_id = db::nullable<std::int64_t>(row[12]);
            n.consultation_title = db::nullable<std::string>(row[13]);
            n.resource_id = db::nullable<std::int64_t>(row[14]);
            n.resource_title = db::nullable<std::string>(row[15]);
            n.created_at = row[5].as<std::string>();
            n.read = row[6].as<bool>();
            if (!row[7].is_null())
                n.actor = rows::read_author(row, 7);
            page.items.push_back(std::move(n));
        }
        if (page.items.size() > static_cast<std::size_t>(limit)) {
            page.items.pop_back();
            page.next_after_id = page.items.back().id;
        }
        page.unread_count = tx.exec_params1(unread_sql, user_id)[0].as<int>();
        return page;
    });
}

awaitable<void> notification_store::mark_read(std::int64_t user_id, std::vector<std::int64_t> ids, audit_context audit)
{
    return pool_.write([user_id, ids = std::move(ids), audit = std::move(audit)](pqxx::work& tx) {
        std::string list;
        for (auto id : ids)
            list += (list.empty() ? "" : ",") + std::to_string(id);
        if (ids.empty())
            tx.exec_params0(mark_all_sql, user_id);
        else
            tx.exec_params0(mark_some_sql, user_id, list);
        db::audit(tx, audit, {"notifications.read", "user", user_id});
    });
}

} // namespace pswnet::forum
