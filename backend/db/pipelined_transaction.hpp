// A write transaction whose last statement travels with its COMMIT, in one round trip: libpq's pipeline mode, which
// libpqxx 6.4 has no call for. Whatever that statement locks is held for no round trip between pswnet and
// PostgreSQL: replies to one busy thread queue on its row for the statement and the commit's flush alone, where
// they queued for two more hand-offs between the two processes on the same busy cores.
//
// Before the last statement it is an ordinary libpqxx transaction (BEGIN, then db::exec); anything thrown before
// commit_with rolls it back.
#pragma once

#include "db/statement.hpp"

#include <pqxx/pqxx>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pswnet::db {

// The rows of the statement that committed with the transaction, as text.
class committed_rows {
public:
    committed_rows() = default;
    explicit committed_rows(std::shared_ptr<const pqxx::internal::pq::PGresult> result) : result_(std::move(result)) {}

    int size() const;
    bool empty() const { return size() == 0; }
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    template <class T> T as(int row, int column) const
    {
        T value{};
        pqxx::from_string(text(row, column), value);
        return value;
    }

private:
    void check(int row, int column) const;

    std::shared_ptr<const pqxx::internal::pq::PGresult> result_;
};

// Why the statement sent with COMMIT failed: its SQLSTATE, and the detail a function's RAISE may give with it.
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

class pipelined_transaction final : public pqxx::dbtransaction {
public:
    explicit pipelined_transaction(pqxx::connection_base& connection);
    ~pipelined_transaction() noexcept override;
    pipelined_transaction(const pipelined_transaction&) = delete;
    pipelined_transaction& operator=(const pipelined_transaction&) = delete;

    // Runs `last` with its arguments and then COMMIT, sent together, and returns its rows. If either fails, throws a
    // pipelined_error, and nothing is committed: the transaction is rolled back when this object goes. A connection
    // lost after both were sent is a pqxx::in_doubt_error.
    template <class... Args> committed_rows commit_with(const statement& last, const Args&... args)
    {
        return commit_with_parameters(last, {parameter(args)...});
    }

    bool committed_in_pipeline() const { return committed_; }

private:
    using parameter_text = std::optional<std::string>;

    template <class T> static parameter_text parameter(const T& value) { return pqxx::to_string(value); }
    template <class T> static parameter_text parameter(const std::optional<T>& value)
    {
        return value ? parameter(*value) : std::nullopt;
    }
    static parameter_text parameter(const std::string& value) { return value; }

    committed_rows commit_with_parameters(const statement& last, const std::vector<parameter_text>& parameters);
    void do_commit() override;

    bool committed_ = false;
};

} // namespace pswnet::db
