// Applying migrations: one transaction per file, recorded with its checksum in schema_migrations.
#include "db/migrations.hpp"

#include "core/crypto.hpp"
#include "db/statement.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace pswnet::db {

std::vector<embedded_file> migration_files(); // generated from migrations/ by the build

namespace {

// An arbitrary constant: the key of the advisory lock that serialises migrations across instances.
constexpr long long migration_lock_key = 727'465'001;

// DDL and the migration files themselves (several statements each) run as plain SQL: they cannot be prepared.
constexpr const char* create_table = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
))sql";

const statement lock_sql{"migrations.lock", "SELECT pg_advisory_lock($1)"};
const statement unlock_sql{"migrations.unlock", "SELECT pg_advisory_unlock($1)"};
const statement applied_sql{"migrations.applied", "SELECT version, checksum FROM schema_migrations"};
const statement record_sql{"migrations.record",
                           "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)"};
const statement table_exists_sql{"migrations.table_exists", "SELECT to_regclass('schema_migrations') IS NOT NULL"};
const statement applied_count_sql{"migrations.applied_count", "SELECT count(*) FROM schema_migrations"};

migration parse(const embedded_file& file)
{
    const auto& name = file.name;
    auto underscore = name.find('_');
    bool sql = name.size() > 4 && name.compare(name.size() - 4, 4, ".sql") == 0;
    migration m;
    auto [ptr, ec] = std::from_chars(name.data(), name.data() + std::min(underscore, name.size()), m.version);
    if (!sql || underscore == std::string::npos || ec != std::errc{} || ptr != name.data() + underscore ||
        m.version <= 0)
        throw migration_error("migration file name must be NNNN_name.sql: " + name);
    m.name = name;
    m.sql = file.content;
    m.checksum = crypto::sha256_hex(file.content);
    return m;
}

} // namespace

std::vector<migration> load_migrations(const std::vector<embedded_file>& files)
{
    std::vector<migration> result;
    result.reserve(files.size());
    for (const auto& file : files)
        result.push_back(parse(file));
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < result.size(); ++i)
        if (result[i].version == result[i - 1].version)
            throw migration_error("two migrations have number " + std::to_string(result[i].version));
    return result;
}

const std::vector<migration>& bundled_migrations()
{
    static const std::vector<migration> migrations = load_migrations(migration_files());
    return migrations;
}

int migrate(pqxx::connection& connection, const std::vector<migration>& migrations)
{
    pqxx::nontransaction session(connection);
    exec(session, lock_sql, migration_lock_key);
    struct unlock_at_exit {
        pqxx::nontransaction& session;
        ~unlock_at_exit()
        {
            try {
                exec(session, unlock_sql, migration_lock_key);
            } catch (const std::exception& e) {
                spdlog::warn("could not release the migration lock: {}", e.what());
            }
        }
    } unlock{session};
    session.exec0(create_table);

    std::map<int, std::string> applied;
    for (const auto& row : exec(session, applied_sql))
        applied[row[0].as<int>()] = row[1].as<std::string>();

    int count = 0;
    for (const auto& m : migrations) {
        if (auto it = applied.find(m.version); it != applied.end()) {
            if (it->second != m.checksum)
                throw migration_error("migration " + m.name +
                                      " was changed after it was applied; add a new migration instead");
            continue;
        }
        // The nontransaction above holds the lock; the migration itself runs in a transaction of its own.
        session.exec0("BEGIN");
        try {
            session.exec(m.sql);
            exec(session, record_sql, m.version, m.name, m.checksum);
            session.exec0("COMMIT");
        } catch (...) {
            session.exec0("ROLLBACK");
            throw;
        }
        spdlog::info("applied migration {}", m.name);
        ++count;
    }
    for (const auto& entry : applied) {
        int version = entry.first;
        if (std::none_of(migrations.begin(), migrations.end(),
                         [version](const auto& m) { return m.version == version; }))
            throw migration_error("the database has migration " + std::to_string(version) +
                                  " that this build does not know; is it an older build?");
    }
    return count;
}

migration_status status(pqxx::transaction_base& tx, const std::vector<migration>& migrations)
{
    migration_status s;
    s.expected = static_cast<int>(migrations.size());
    auto exists = exec(tx, table_exists_sql).at(0)[0].as<bool>();
    if (exists)
        s.applied = exec(tx, applied_count_sql).at(0)[0].as<int>();
    return s;
}

} // namespace pswnet::db
