#include "db/pipelined_rows.hpp"

#include <libpq-fe.h>

#include <stdexcept>

namespace pswnet::db {

bool pipelined_field::is_null() const
{
    return PQgetisnull(result_, row_, column_) != 0;
}

const char* pipelined_field::c_str() const
{
    return PQgetvalue(result_, row_, column_);
}

pipelined_field pipelined_row::operator[](pqxx::row::size_type column) const
{
    if (column >= static_cast<pqxx::row::size_type>(PQnfields(result_)))
        throw std::out_of_range("no column " + std::to_string(column) + " in the pipelined statement's rows");
    return {result_, row_, static_cast<int>(column)};
}

int pipelined_rows::size() const
{
    return result_ ? PQntuples(result_.get()) : 0;
}

pipelined_row pipelined_rows::operator[](int row) const
{
    if (row < 0 || row >= size())
        throw std::out_of_range("no row " + std::to_string(row) + " in the pipelined statement's rows");
    return {result_.get(), row};
}

} // namespace pswnet::db
