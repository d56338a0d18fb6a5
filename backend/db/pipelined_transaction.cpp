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

int committed_rows::size() const
{
    return result_ ? PQntuples(result_.get()) : 0;
}

bool committed_rows::is_null(int row, int column) const
{
    check(row, column);
    return PQgetisnull(result_.get(), row, column) != 0;
}

std::string committed_rows::text(int row, int column) const
{
    check(row, column);
    return PQgetvalue(result_.get(), row, column);
}

void committed_rows::check(int row, int column) const
{
    // libpq answers a field outside the result with a null pointer.
    if (row < 0 || row >= size() || column < 0 || column >= PQnfields(result_.get()))
        throw std::out_of_range("no field " + std::to_string(column) + " of row " + std::to_string(row) +
                                " in the committed statement's rows");
}

pipelined_transaction::pipelined_transaction(pqxx::connection_base& connection)
    : pqxx::internal::namedclass("pipelined_transaction"),
      pqxx::dbtransaction(connection, pqxx::isolation_traits<pqxx::read_committed>::name())
{
    Begin();
}

pipelined_transaction::~pipelined_transaction() noexcept
{
    End();
}

committed_rows pipelined_transaction::commit_with_parameters(const statement& last,
                                                             const std::vector<parameter_text>& parameters)
{
    conn().prepare(last.name, last.sql);
    conn().prepare_now(last.name);
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const auto& p : parameters)
        values.push_back(p ? p->c_str() : nullptr);

    auto* connection = libpq_connection::of(*this);
    owned_result rows(nullptr, &PQclear);
    owned_result commit(nullptr, &PQclear);
    {
        pipeline_mode pipeline(connection);
        bool sent = PQsendQueryPrepared(connection, last.name, static_cast<int>(values.size()), values.data(), nullptr,
                                        nullptr, 0) == 1 &&
                    PQsendQueryParams(connection, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
        if (!sent)
            throw pqxx::broken_connection(PQerrorMessage(connection));
        if (PQpipelineSync(connection) != 1)
            throw pqxx::in_doubt_error(std::string("COMMIT may have reached the database: ") +
                                       PQerrorMessage(connection));
        rows = next_result(connection);
        commit = next_result(connection);
        auto sync = next_result(connection);
        // Once COMMIT has gone, a lost connection leaves the outcome unknown, whatever came back before it was lost.
        if (PQstatus(connection) == CONNECTION_BAD)
            throw pqxx::in_doubt_error(std::string("the connection was lost after COMMIT was sent: ") +
                                       PQerrorMessage(connection));
        if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
            throw pqxx::in_doubt_error(std::string("the pipeline did not end as sent: ") + PQerrorMessage(connection));
    }
    // The statement's own error first: COMMIT was then skipped, and the transaction waits to be rolled back.
    if (!rows || failed(rows))
        throw rows ? error_of(rows, last.sql) : pipelined_error(PQerrorMessage(connection), last.sql, nullptr, "");
    if (!commit || failed(commit))
        throw commit ? error_of(commit, "COMMIT") : pipelined_error(PQerrorMessage(connection), "COMMIT", nullptr, "");
    committed_ = true;
    this->commit();
    return committed_rows(std::shared_ptr<const PGresult>(rows.release(), &PQclear));
}

void pipelined_transaction::do_commit()
{
    // Sent with the last statement, or not at all: there is no commit without one.
    if (!committed_)
        throw pqxx::usage_error("a pipelined_transaction commits with commit_with, sending its last statement");
}

} // namespace pswnet::db
