// A write whose first statement goes with its BEGIN and whose last goes with its COMMIT: everything commits together,
// a failure of either commits nothing and tells why, and the connection serves the next write as before.
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
const db::statement insert_first{"test.insert_first_note",
                                 "INSERT INTO pipelined_notes (id, note) VALUES ($1, $2) RETURNING id, note || '!'"};
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

    // A pipelined write of two notes: ids `first` and `last`.
    void write_one(int first, int last)
    {
        shared_database().run(pool_.write_pipelined(db::bind(insert_first, first, "first"),
                                                    [last](db::pipelined_transaction& tx, const db::pipelined_rows&) {
                                                        return tx.commit_with(insert_last, last, "last", 0).size();
                                                    }));
    }

    // A pipelined write that must fail on a duplicate key: the pool translates its SQLSTATE as for any other.
    template <class Fn> void expect_conflict(const db::bound_statement& first, Fn rest)
    {
        try {
            shared_database().run(
                pool_.write_pipelined(first, [&rest](db::pipelined_transaction& tx, const db::pipelined_rows&) {
                    rest(tx);
                    return 0;
                }));
            ADD_FAILURE() << "a duplicate key was written";
        } catch (const api_error& e) {
            EXPECT_EQ(e.code(), errc::conflict);
        }
    }

    // One database thread, so that each write after the first runs on the connection the first one left.
    db::pool pool_{{shared_database().url(), 1}};
};

TEST_F(PipelinedTransactionPg, CommitsTheFirstAndLastStatementsWithTheOnesBetweenAndReturnsTheirRows)
{
    int commits = 0;
    pool_.after_commit([&] { ++commits; });
    std::string first_note;
    auto rows = shared_database().run(pool_.write_pipelined(
        db::bind(insert_first, 1, "first"), [&](db::pipelined_transaction& tx, const db::pipelined_rows& first) {
            EXPECT_EQ(first.size(), 1);
            EXPECT_EQ(first.as<int>(0, 0), 1);
            first_note = first[0][1].c_str();
            db::exec(tx, insert_note, 2, "between");
            return tx.commit_with(insert_last, 3, std::optional<std::string>{}, 21);
        }));
    EXPECT_EQ(first_note, "first!");
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.as<int>(0, 0), 3);
    EXPECT_TRUE(rows.is_null(0, 1)) << "an empty optional is sent as NULL";
    EXPECT_THROW((void)rows.as<std::string>(0, 1), pqxx::conversion_error) << "a NULL is no value";
    EXPECT_EQ(rows.text(0, 2), "t");
    EXPECT_EQ(rows.as<int>(0, 3), 42);
    EXPECT_THROW((void)rows.text(1, 0), std::out_of_range) << "one row, not two";
    EXPECT_THROW((void)rows.text(0, 4), std::out_of_range) << "four columns, not five";
    EXPECT_EQ(notes(), (std::vector<std::string>{"1:first", "2:between", "3:null"}));
    EXPECT_EQ(commits, 1);
}

TEST_F(PipelinedTransactionPg, AFirstStatementThatFailsLeavesNothingAndTheConnectionServesTheNextWrite)
{
    write_one(1, 2);
    expect_conflict(db::bind(insert_first, 1, "a duplicate"), [](db::pipelined_transaction& tx) {
        ADD_FAILURE() << "the write went on after its first statement failed";
        tx.commit_with(insert_last, 3, "never sent", 0);
    });
    // Rolled back on the same connection: in a transaction left open and aborted, these would fail.
    write_one(4, 5);
    shared_database().run(pool_.write([](pqxx::work& tx) { db::exec(tx, insert_note, 6, "plain"); }));
    EXPECT_EQ(notes(), (std::vector<std::string>{"1:first", "2:last", "4:first", "5:last", "6:plain"}));
}

TEST_F(PipelinedTransactionPg, ALastStatementThatFailsCommitsNothingAndTheConnectionServesTheNextWrite)
{
    write_one(1, 2);
    expect_conflict(db::bind(insert_first, 3, "rolled back"), [](db::pipelined_transaction& tx) {
        db::exec(tx, insert_note, 4, "rolled back");
        tx.commit_with(insert_last, 1, "a duplicate", 0);
    });
    write_one(5, 6);
    shared_database().run(pool_.write([](pqxx::work& tx) { db::exec(tx, insert_note, 7, "plain"); }));
    EXPECT_EQ(notes(), (std::vector<std::string>{"1:first", "2:last", "5:first", "6:last", "7:plain"}));
}

TEST_F(PipelinedTransactionPg, TellsTheCallerTheStateAndDetailThatTheLastStatementRaised)
{
    try {
        shared_database().run(pool_.write_pipelined(
            db::bind(insert_first, 1, "rolled back"), [](db::pipelined_transaction& tx, const db::pipelined_rows&) {
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
    EXPECT_THROW(
        shared_database().run(pool_.write_pipelined(db::bind(insert_first, 1, "never committed"),
                                                    [](db::pipelined_transaction& tx, const db::pipelined_rows&) {
                                                        db::exec(tx, insert_note, 2, "never committed");
                                                        return 0;
                                                    })),
        std::logic_error);
    EXPECT_TRUE(notes().empty());
}

TEST_F(PipelinedTransactionPg, SendsNothingAfterItsCommit)
{
    EXPECT_THROW(shared_database().run(
                     pool_.write_pipelined(db::bind(insert_first, 1, "committed"),
                                           [](db::pipelined_transaction& tx, const db::pipelined_rows&) {
                                               tx.commit_with(insert_last, 2, "committed", 0);
                                               return tx.commit_with(insert_last, 3, "after the commit", 0).size();
                                           })),
                 pqxx::usage_error);
    EXPECT_EQ(notes(), (std::vector<std::string>{"1:committed", "2:committed"}));
}

} // namespace
} // namespace pswnet::db_test
