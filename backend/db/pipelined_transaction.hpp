// A write transaction of fewer round trips, through libpq's pipeline mode, which libpqxx 6.4 has no call for:
// - its first statement travels with the BEGIN, when the transaction is made, so that no code can run a statement
//   before the transaction has begun;
// - its last statement travels with the COMMIT (commit_with), so that whatever that statement locks is held for no
//   round trip between pswnet and PostgreSQL: replies to one busy thread queue on its row for the statement and the
//   commit's flush alone, where they queued for two more hand-offs between the two processes on the same busy cores.
//
// Between the two it is an ordinary libpqxx transaction (db::exec). Anything thrown before commit_with rolls it back.
#pragma once

#include "db/pipelined_rows.hpp"
#include "db/statement.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pswnet::db {

// Why a statement sent in the pipeline failed: its SQLSTATE, and the detail a function's RAISE may give with it.
class pipelined_error : public pqxx::sql_error {
public:
    pipelined_error(const std::string& message, const std::string& query, const char* sqlstate, std::string detail)
        : pqxx::sql_error(message, query, sqlstate), detail_(std::move(detail))
    {
    }
    const std::string& detail() const { return detail_; }

private:
    std::string detail_;
};

// A statement and its arguments, as the text sent to PostgreSQL: made where the arguments are, sent on a database
// thread.
struct bound_statement {
    const statement* sql;
    std::vector<std::optional<std::string>> parameters;
};

namespace detail {
template <class T> std::optional<std::string> parameter(const T& value)
{
    return pqxx::to_string(value);
}
template <class T> std::optional<std::string> parameter(const std::optional<T>& value)
{
    return value ? parameter(*value) : std::nullopt;
}
inline std::optional<std::string> parameter(const std::string& value)
{
    return value;
}
} // namespace detail

template <class... Args> bound_statement bind(const statement& s, const Args&... args)
{
    return {&s, {detail::parameter(args)...}};
}

class pipelined_transaction final : public pqxx::dbtransaction {
public:
    // Sends BEGIN and `first` together. If `first` fails, throws a pipelined_error, and nothing of the transaction
    // remains.
    pipelined_transaction(pqxx::connection_base& connection, const bound_statement& first);
    ~pipelined_transaction() noexcept override;
    pipelined_transaction(const pipelined_transaction&) = delete;
    pipelined_transaction& operator=(const pipelined_transaction&) = delete;

    // The rows of the statement sent with the BEGIN.
    const pipelined_rows& first_rows() const { return first_rows_; }

    // Runs `last` with its arguments and then COMMIT, sent together, and returns its rows. If either fails, throws a
    // pipelined_error, and nothing is committed: the transaction is rolled back when this object goes. A connection
    // lost after COMMIT was sent is a pqxx::in_doubt_error.
    template <class... Args> pipelined_rows commit_with(const statement& last, const Args&... args)
    {
        return exchange(db::bind(last, args...), sent_with::commit);
    }

    bool committed_in_pipeline() const { return committed_; }

private:
    enum class sent_with { begin, commit };
    pipelined_rows exchange(const bound_statement& s, sent_with with);
    void do_begin() override;
    void do_commit() override;

    pipelined_rows first_rows_;
    bool committed_ = false;
};

} // namespace pswnet::db
