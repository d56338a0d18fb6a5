#include "db/pipelined_transaction.hpp"

#include <libpq-fe.h>

namespace pswnet::db {
namespace {

// libpqxx 6.4 hands its libpq connection to large objects alone, through a protected static: the one public way to
// the handle that its own connection and transaction keep using.
struct libpq_connection : pqxx::largeobject {
    static PGconn* of(const pqxx::dbtransaction& tx) { return raw_connection(tx); }
};

using owned_result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// The next query's result in the pipeline, and the end of its results; empty when the connection gave none.
owned_result next_result(PGconn* connection)
{
    owned_result result(PQgetResult(connection), &PQclear);
    if (result && PQresultStatus(result.get()) != PGRES_PIPELINE_SYNC)
        while (auto* extra = PQgetResult(connection))
            PQclear(extra);
    return result;
}

bool send_plain(PGconn* connection, const char* sql)
{
    return PQsendQueryParams(connection, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
}

bool failed(const owned_result& result)
{
    auto status = PQresultStatus(result.get());
    return status == PGRES_FATAL_ERROR || status == PGRES_PIPELINE_ABORTED;
}

pipelined_error error_of(const owned_result& result, const std::string& query)
{
    const char* detail = PQresultErrorField(result.get(), PG_DIAG_MESSAGE_DETAIL);
    return {PQresultErrorMessage(result.get()), query, PQresultErrorField(result.get(), PG_DIAG_SQLSTATE),
            detail ? detail : ""};
}

// Once COMMIT has gone, a lost connection leaves the outcome unknown, whatever came back before it was lost; before,
// nothing was committed, and the pool may write it all again.
[[noreturn]] void lost(PGconn* connection, bool after_commit, const std::string& what)
{
    auto message = what + ": " + PQerrorMessage(connection);
    if (after_commit)
        throw pqxx::in_doubt_error(message);
    throw pqxx::broken_connection(message);
}

// Pipeline mode for one exchange; left when every result has been read (it cannot be left before).
class pipeline_mode {
public:
    explicit pipeline_mode(PGconn* connection) : connection_(connection)
    {
        if (PQenterPipelineMode(connection_) != 1)
            throw pqxx::broken_connection(PQerrorMessage(connection_));
    }
    ~pipeline_mode() { PQexitPipelineMode(connection_); }
    pipeline_mode(const pipeline_mode&) = delete;
    pipeline_mode& operator=(const pipeline_mode&) = delete;

private:
    PGconn* connection_;
};

} // namespace

pipelined_transaction::pipelined_transaction(pqxx::connection_base& connection, const bound_statement& first)
    : pqxx::internal::namedclass("pipelined_transaction"),
      pqxx::dbtransaction(connection, pqxx::isolation_traits<pqxx::read_committed>::name())
{
    try {
        first_rows_ = exchange(first, sent_with::begin);
    } catch (...) {
        // Rolls back what began, as libpqxx's own transactions do when their BEGIN fails: no destructor runs.
        End();
        throw;
    }
}

pipelined_transaction::~pipelined_transaction() noexcept
{
    End();
}

pipelined_rows pipelined_transaction::exchange(const bound_statement& s, sent_with with)
{
    if (committed_)
        throw pqxx::usage_error("a pipelined_transaction sends nothing after its COMMIT");
    conn().prepare(s.sql->name, s.sql->sql);
    conn().prepare_now(s.sql->name);
    std::vector<const char*> values;
    values.reserve(s.parameters.size());
    for (const auto& p : s.parameters)
        values.push_back(p ? p->c_str() : nullptr);

    const bool begins = with == sent_with::begin;
    const bool commits = with == sent_with::commit;
    auto* connection = libpq_connection::of(*this);
    owned_result begin(nullptr, &PQclear);
    owned_result rows(nullptr, &PQclear);
    owned_result commit(nullptr, &PQclear);
    {
        pipeline_mode pipeline(connection);
        bool sent = (!begins || send_plain(connection, "BEGIN")) &&
                    PQsendQueryPrepared(connection, s.sql->name, static_cast<int>(values.size()), values.data(),
                                        nullptr, nullptr, 0) == 1 &&
                    (!commits || send_plain(connection, "COMMIT"));
        if (!sent)
            throw pqxx::broken_connection(PQerrorMessage(connection));
        if (PQpipelineSync(connection) != 1)
            lost(connection, commits, commits ? "COMMIT may have reached the database" : "the pipeline was not sent");
        if (begins)
            begin = next_result(connection);
        rows = next_result(connection);
        if (commits)
            commit = next_result(connection);
        auto sync = next_result(connection);
        if (PQstatus(connection) == CONNECTION_BAD)
            lost(connection, commits,
                 commits ? "the connection was lost after COMMIT was sent" : "the connection was lost");
        if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
            lost(connection, commits, "the pipeline did not end as sent");
    }
    if (begins) {
        if (!begin || failed(begin))
            throw begin ? error_of(begin, "BEGIN") : pipelined_error(PQerrorMessage(connection), "BEGIN", nullptr, "");
        // libpqxx's own state, so that it rolls back what follows unless it is committed (do_begin sends nothing).
        Begin();
    }
    // The statement's own error first: COMMIT was then skipped, and the transaction waits to be rolled back.
    const auto& sql = s.sql->sql;
    if (!rows || failed(rows))
        throw rows ? error_of(rows, sql) : pipelined_error(PQerrorMessage(connection), sql, nullptr, "");
    if (commits) {
        if (!commit || failed(commit))
            throw commit ? error_of(commit, "COMMIT")
                         : pipelined_error(PQerrorMessage(connection), "COMMIT", nullptr, "");
        committed_ = true;
        this->commit();
    }
    return pipelined_rows(shared_pgresult(rows.release(), &PQclear));
}

void pipelined_transaction::do_begin()
{
    // Sent with the first statement: libpqxx calls this only when exchange tells it the transaction has begun.
}

void pipelined_transaction::do_commit()
{
    // Sent with the last statement, or not at all: there is no commit without one.
    if (!committed_)
        throw pqxx::usage_error("a pipelined_transaction commits with commit_with, sending its last statement");
}

} // namespace pswnet::db
