// A write whose last statement goes with its COMMIT in one round trip: everything commits together, a failure of the
// last statement commits nothing and tells why, and the connection serves the next write as before.
#include "database.hpp"

#include "core/error.hpp"
#include "db/pipelined_transaction.hpp"
#include "db/statement.hpp"

#include <gtest/gtest.h>

namespace pswnet::db_test {
namespace {

const db::statement insert_note{"test.insert_note", "INSERT INTO pipelined_notes (id, note) VALUES ($1, $2)"};
const db::statement insert_last{
    "test.insert_last_note",
    "INSERT INTO pipelined_notes (id, note) VALUES ($1, $2) RETURNING id, note, note IS NULL, $3::int * 2"};
const db::statement refuse_with_detail{"test.refuse_with_detail", R"sql(
SELECT refuse_note($1))sql"};

class PipelinedTransactionPg : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto connection = shared_database().connect();
        pqxx::work tx(connection);
        tx.exec0("CREATE TABLE IF NOT EXISTS pipelined_notes (id integer PRIMARY KEY, note text)");
        tx.exec0("TRUNCATE pipelined_notes");
        tx.exec0(R"sql(CREATE OR REPLACE FUNCTION refuse_note(seconds integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'not now' USING ERRCODE = 'PWT01', DETAIL = seconds::text;
END $$)sql");
        tx.commit();
    }

    static std::vector<std::string> notes()
    {
        auto connection = shared_database().connect();
        pqxx::read_transaction tx(connection);
        std::vector<std::string> found;
        for (const auto& row : tx.exec("SELECT id || ':' || coalesce(note, 'null') FROM pipelined_notes ORDER BY id"))
            found.push_back(row[0].as<std::string>());
        return found;
    }

    // One database thread, so that each write after the first runs on the connection the first one left.
    db::pool pool_{{shared_database().url(), 1}};
};

TEST_F(PipelinedTransactionPg, CommitsTheLastStatementWithTheOnesBeforeAndReturnsItsRows)
{
    int commits = 0;
    pool_.after_commit([&] { ++commits; });
    auto rows = shared_database().run(pool_.write_pipelined([](db::pipelined_transaction& tx) {
        db::exec(tx, insert_note, 1, "first");
        return tx.commit_with(insert_last, 2, std::optional<std::string>{}, 21);
    }));
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.as<int>(0, 0), 2);
    EXPECT_TRUE(rows.is_null(0, 1)) << "an empty optional is sent as NULL";
    EXPECT_EQ(rows.text(0, 2), "t");
    EXPECT_EQ(rows.as<int>(0, 3), 42);
    EXPECT_THROW((void)rows.text(1, 0), std::out_of_range) << "one row, not two";
    EXPECT_THROW((void)rows.text(0, 4), std::out_of_range) << "four columns, not five";
    EXPECT_EQ(notes(), (std::vector<std::string>{"1:first", "2:null"}));
    EXPECT_EQ(commits, 1);
}

TEST_F(PipelinedTransactionPg, ALastStatementThatFailsCommitsNothingAndTheConnectionServesTheNextWrite)
{
    shared_database().run(pool_.write_pipelined(
        [](db::pipelined_transaction& tx) { return tx.commit_with(insert_last, 1, "kept", 0).size(); }));
    try {
        shared_database().run(pool_.write_pipelined([](db::pipelined_transaction& tx) {
            db::exec(tx, insert_note, 2, "rolled back");
            return tx.commit_with(insert_last, 1, "a duplicate", 0).size();
        }));
        FAIL() << "a duplicate key was committed";
    } catch (const api_error& e) {
        EXPECT_EQ(e.code(), errc::conflict) << "the pool translates the statement's SQLSTATE as for any other";
    }
    EXPECT_EQ(notes(), (std::vector<std::string>{"1:kept"}));

    shared_database().run(pool_.write_pipelined(
        [](db::pipelined_transaction& tx) { return tx.commit_with(insert_last, 3, "next", 0).size(); }));
    shared_database().run(pool_.write([](pqxx::work& tx) { db::exec(tx, insert_note, 4, "plain"); }));
    EXPECT_EQ(notes(), (std::vector<std::string>{"1:kept", "3:next", "4:plain"}));
}

TEST_F(PipelinedTransactionPg, TellsTheCallerTheStateAndDetailThatTheLastStatementRaised)
{
    try {
        shared_database().run(pool_.write_pipelined([](db::pipelined_transaction& tx) {
            db::exec(tx, insert_note, 1, "rolled back");
            try {
                tx.commit_with(refuse_with_detail, 17);
            } catch (const db::pipelined_error& e) {
                throw api_error(errc::rate_limited, e.sqlstate() + " " + e.detail());
            }
            return 0;
        }));
        FAIL() << "the function's exception did not reach the caller";
    } catch (const api_error& e) {
        EXPECT_EQ(e.detail(), "PWT01 17");
    }
    EXPECT_TRUE(notes().empty());
}

TEST_F(PipelinedTransactionPg, AWriteThatReturnsWithoutItsLastStatementCommitsNothing)
{
    EXPECT_THROW(shared_database().run(pool_.write_pipelined([](db::pipelined_transaction& tx) {
        db::exec(tx, insert_note, 1, "never committed");
        return 0;
    })),
                 std::logic_error);
    EXPECT_TRUE(notes().empty());
}

} // namespace
} // namespace pswnet::db_test
