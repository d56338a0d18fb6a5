// The rows of a statement sent in libpq's pipeline mode (db::pipelined_transaction), as text, read the way libpqxx
// reads its own: rows[r][c].as<T>(), is_null(), and db::nullable. Row readers written for both are templates over
// the row (forum/rows).
#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <string>
#include <utility>

namespace pswnet::db {

using shared_pgresult = std::shared_ptr<const pqxx::internal::pq::PGresult>;

class pipelined_field {
public:
    pipelined_field(const pqxx::internal::pq::PGresult* result, int row, int column)
        : result_(result), row_(row), column_(column)
    {
    }

    bool is_null() const;
    const char* c_str() const;
    // A NULL is a pqxx::conversion_error, as libpqxx's own fields answer it: read it with db::nullable.
    template <class T> T as() const
    {
        if (is_null())
            throw pqxx::conversion_error("a NULL read as a value from a pipelined statement's rows");
        T value{};
        pqxx::from_string(c_str(), value);
        return value;
    }

private:
    const pqxx::internal::pq::PGresult* result_;
    int row_;
    int column_;
};

class pipelined_row {
public:
    pipelined_row(const pqxx::internal::pq::PGresult* result, int row) : result_(result), row_(row) {}

    // A column outside the statement's is std::out_of_range (libpq would answer a null pointer).
    pipelined_field operator[](pqxx::row::size_type column) const;

private:
    const pqxx::internal::pq::PGresult* result_;
    int row_;
};

// Lives as long as the rows read from it: a row and its fields point into it.
class pipelined_rows {
public:
    pipelined_rows() = default;
    explicit pipelined_rows(shared_pgresult result) : result_(std::move(result)) {}

    int size() const;
    bool empty() const { return size() == 0; }
    // A row outside the statement's is std::out_of_range.
    pipelined_row operator[](int row) const;

    bool is_null(int row, int column) const { return (*this)[row][column].is_null(); }
    std::string text(int row, int column) const { return (*this)[row][column].c_str(); }
    template <class T> T as(int row, int column) const { return (*this)[row][column].as<T>(); }

private:
    shared_pgresult result_;
};

} // namespace pswnet::db
