#include "notifications/unread_counts.hpp"

#include "db/id_list.hpp"
#include "db/statement.hpp"

namespace pswnet::notifications {
namespace {

const db::statement unread_sql{"notifications.unread",
                               "SELECT coalesce((SELECT unread FROM notification_unread WHERE user_id = $1), 0)"};

const db::statement unread_of_each_sql{"notifications.unread_of_each", R"sql(
SELECT user_id, unread FROM notification_unread WHERE user_id = ANY(string_to_array($1, ',')::bigint[]))sql"};

const db::statement fold_sql{"notifications.fold_unread", "SELECT fold_notification_unread_changes()"};

} // namespace

int unread_count(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return db::exec(tx, unread_sql, user_id).at(0)[0].as<int>();
}

std::unordered_map<std::int64_t, int> unread_counts(pqxx::transaction_base& tx, const std::vector<std::int64_t>& ids)
{
    std::unordered_map<std::int64_t, int> counts;
    for (const auto& row : db::exec(tx, unread_of_each_sql, db::id_list(ids)))
        counts[row[0].as<std::int64_t>()] = row[1].as<int>();
    return counts;
}

awaitable<void> fold_unread_changes(db::pool& pool)
{
    return pool.write([](pqxx::work& tx) { db::exec(tx, fold_sql); });
}

} // namespace pswnet::notifications
