// Reading a column that may be NULL into std::optional (libpqxx 6's own optional support cannot do it).
#pragma once

#include <pqxx/field>

#include <optional>

namespace pswnet::db {

template <class T> std::optional<T> nullable(const pqxx::field& f)
{
    if (f.is_null())
        return std::nullopt;
    return f.as<T>();
}

} // namespace pswnet::db
