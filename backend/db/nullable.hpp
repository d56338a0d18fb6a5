// Reading a column of a pqxx::field or a db::pipelined_field: db::as<T>, which code templated over the row needs
// (there, row[i].as<T>() would have to be spelled row[i].template as<T>()), and db::nullable<T>, for one that may
// be NULL, into std::optional (libpqxx 6's own optional support cannot do it).
#pragma once

#include <pqxx/field>

#include <optional>

namespace pswnet::db {

template <class T, class Field> T as(const Field& f)
{
    return f.template as<T>();
}

template <class T, class Field> std::optional<T> nullable(const Field& f)
{
    if (f.is_null())
        return std::nullopt;
    return f.template as<T>();
}

} // namespace pswnet::db
