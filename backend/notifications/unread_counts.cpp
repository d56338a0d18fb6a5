#include "notifications/unread_counts.hpp"

#include "db/statement.hpp"

namespace pswnet::notifications {
namespace {

const db::statement unread_sql{"notifications.unread",
                               "SELECT coalesce((SELECT unread FROM notification_unread WHERE user_id = $1), 0)"};

const db::statement fold_sql{"notifications.fold_unread", "SELECT fold_notification_unread_changes()"};

} // namespace

int unread_count(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return db::exec(tx, unread_sql, user_id).at(0)[0].as<int>();
}

awaitable<void> fold_unread_changes(db::pool& pool)
{
    return pool.write([](pqxx::work& tx) { db::exec(tx, fold_sql); });
}

} // namespace pswnet::notifications
