// Named SQL statements, prepared once per connection on first use: the hot queries skip parsing and planning.
#pragma once

#include <pqxx/pqxx>

#include <string>
#include <utility>

namespace pswnet::db {

struct statement {
    const char* name;
    std::string sql;
};

template <class... Args> pqxx::result exec(pqxx::transaction_base& tx, const statement& s, Args&&... args)
{
    // Registering again with the same text is a lookup; libpqxx prepares on the server at the first execution.
    tx.conn().prepare(s.name, s.sql);
    return tx.exec_prepared(s.name, std::forward<Args>(args)...);
}

} // namespace pswnet::db
