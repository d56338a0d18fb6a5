// The audit log keeps an entry for --audit-retention-days: older entries go at the hourly housekeeping, a batch at
// a time, newer ones stay; and a person's history in their data export is what they did and what was done to them.
#include "database.hpp"

#include "db/audit.hpp"

#include <gtest/gtest.h>

namespace pswnet::db_test {
namespace {

void add_entry(pqxx::work& tx, const std::string& action, const std::string& age)
{
    tx.exec_params0("INSERT INTO audit_log (action, object_type, client_address, occurred_at) "
                    "VALUES ($1, 'test', '192.0.2.1', now() - $2::interval)",
                    action, age);
}

int entries_named(pqxx::connection& connection, const std::string& prefix)
{
    pqxx::read_transaction tx(connection);
    return tx.exec_params1("SELECT count(*) FROM audit_log WHERE action LIKE $1 || '%'", prefix)[0].as<int>();
}

TEST(AuditRetentionPg, RemovesOnlyTheEntriesOlderThanTheRetention)
{
    auto& d = shared_database();
    auto connection = d.connect();
    {
        pqxx::work tx(connection);
        add_entry(tx, "retention.old", "731 days");
        add_entry(tx, "retention.old", "800 days");
        add_entry(tx, "retention.recent", "729 days");
        add_entry(tx, "retention.recent", "1 hour");
        tx.commit();
    }
    pqxx::work tx(connection);
    EXPECT_EQ(db::forget_old_audit(tx, std::chrono::days(730), 1), 1) << "one batch at a time";
    EXPECT_GE(db::forget_old_audit(tx, std::chrono::days(730), 10000), 1);
    tx.commit();
    EXPECT_EQ(entries_named(connection, "retention.old"), 0);
    EXPECT_EQ(entries_named(connection, "retention.recent"), 2);
}

TEST(AuditRetentionPg, ListsWhatOnePersonDidAndWhatWasDoneToTheirAccountOldestFirst)
{
    auto& d = shared_database();
    auto connection = d.connect();
    pqxx::work tx(connection);
    auto user = tx.exec1("INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles) "
                         "SELECT 'audit.retention@example.test', 'Wren Haldane', 'x', min(id), 'both', "
                         "ARRAY['member'] FROM organisations RETURNING id")[0]
                    .as<std::int64_t>();
    tx.exec_params0("INSERT INTO audit_log (actor_user_id, action, object_type, object_id, client_address) VALUES "
                    "($1, 'thread.created', 'thread', 7, '192.0.2.5'), ($1, 'post.created', 'post', 9, NULL), "
                    "(NULL, 'someone.else', 'user', $1, NULL)",
                    user);
    tx.exec_params0("INSERT INTO audit_log (actor_user_id, action, object_type, object_id, client_address) VALUES "
                    "(NULL, 'thread.created', 'thread', $1, '192.0.2.77')",
                    user);
    auto history = db::history_of(tx, user);
    ASSERT_EQ(history.size(), 3U) << "what the person did and what was done to their account, nothing else";
    EXPECT_EQ(history[0]["action"], "thread.created");
    EXPECT_EQ(history[0]["object_id"], 7);
    EXPECT_EQ(history[0]["address"], "192.0.2.5");
    EXPECT_EQ(history[0]["by_you"], true);
    EXPECT_EQ(history[1]["action"], "post.created");
    EXPECT_TRUE(history[1]["address"].is_null());
    EXPECT_EQ(history[2]["action"], "someone.else");
    EXPECT_EQ(history[2]["by_you"], false);
    EXPECT_TRUE(history[2]["address"].is_null()) << "not the address of whoever did it";
}

} // namespace
} // namespace pswnet::db_test
