// The event log as realtime alone edits it: appending, rewriting what earlier events say about one subject (an
// edited post's old text), and forgetting events past their retention.
#include "database.hpp"

#include "realtime/event_log.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace pswnet::db_test {
namespace {

nlohmann::json payload_of(pqxx::connection& connection, std::int64_t id)
{
    pqxx::nontransaction tx(connection);
    return nlohmann::json::parse(tx.exec_params1("SELECT payload::text FROM events WHERE id = $1", id)[0].c_str());
}

TEST(EventLogPg, RewritesOnlyTheSubjectNamedInThatChannel)
{
    auto connection = shared_database().connect();
    std::int64_t edited = 0, other_post = 0, other_thread = 0;
    {
        pqxx::work tx(connection);
        edited = realtime::append_event(tx, "thread:1", "post.created",
                                        R"({"post": {"id": 7, "body_html": "<p>NHS 943 476 5919</p>", "by": 3}})");
        other_post =
            realtime::append_event(tx, "thread:1", "post.created", R"({"post": {"id": 8, "body_html": "kept"}})");
        other_thread =
            realtime::append_event(tx, "thread:2", "post.created", R"({"post": {"id": 7, "body_html": "kept"}})");
        tx.commit();
    }
    {
        pqxx::work tx(connection);
        realtime::rewrite_subject(tx, "thread:1", "post", 7, R"({"body_html": "<p>edited</p>"})");
        tx.commit();
    }
    EXPECT_EQ(payload_of(connection, edited)["post"]["body_html"], "<p>edited</p>");
    EXPECT_EQ(payload_of(connection, edited)["post"]["by"], 3) << "fields not named are kept";
    EXPECT_EQ(payload_of(connection, other_post)["post"]["body_html"], "kept");
    EXPECT_EQ(payload_of(connection, other_thread)["post"]["body_html"], "kept");
}

TEST(EventLogPg, ForgetsOnlyEventsPastTheRetention)
{
    auto connection = shared_database().connect();
    std::int64_t old_event = 0, recent_event = 0;
    {
        pqxx::work tx(connection);
        old_event = realtime::append_event(tx, "sector:children", "thread.created", "{}");
        recent_event = realtime::append_event(tx, "sector:children", "thread.created", "{}");
        tx.exec_params0("UPDATE events SET created_at = now() - make_interval(days => $2, secs => 60) WHERE id = $1",
                        old_event, realtime::event_retention_days);
        tx.exec_params0("UPDATE events SET created_at = now() - make_interval(days => $2) + interval '1 hour' "
                        "WHERE id = $1",
                        recent_event, realtime::event_retention_days);
        tx.commit();
    }
    pqxx::work tx(connection);
    EXPECT_GE(realtime::forget_old_events(tx), 1);
    EXPECT_TRUE(tx.exec_params("SELECT 1 FROM events WHERE id = $1", old_event).empty());
    EXPECT_FALSE(tx.exec_params("SELECT 1 FROM events WHERE id = $1", recent_event).empty());
}

} // namespace
} // namespace pswnet::db_test
