// Schema migrations: numbered SQL files compiled into the binary, applied in order, each once, under an
// advisory lock so several instances may start at the same time; a changed applied file is an error.
#pragma once

#include "core/embedded_file.hpp"

#include <pqxx/pqxx>

#include <stdexcept>
#include <string>
#include <vector>

namespace pswnet::db {

struct migration {
    int version = 0;
    std::string name;
    std::string sql;
    std::string checksum;
};

class migration_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Files named NNNN_name.sql, sorted by number; throws migration_error on a bad name or duplicate number.
std::vector<migration> load_migrations(const std::vector<embedded_file>& files);

// The migrations compiled into this binary.
const std::vector<migration>& bundled_migrations();

struct migration_status {
    int applied = 0;
    int expected = 0;
    bool at_head() const noexcept { return applied == expected; }
};

// Applies what is missing; returns how many were applied now.
int migrate(pqxx::connection& connection, const std::vector<migration>& migrations);

migration_status status(pqxx::transaction_base& tx, const std::vector<migration>& migrations);

} // namespace pswnet::db
