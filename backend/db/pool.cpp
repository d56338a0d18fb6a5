// Per-thread connections, (re)connected on demand so the service recovers by itself after a restart of
// PostgreSQL; translation of database errors into the service's error codes.
#include "db/pool.hpp"

#include <spdlog/spdlog.h>

namespace pswnet::db {
namespace {

// One connection per database thread. The owner tag keeps two pools in one process (tests) apart.
struct thread_connection {
    const pool* owner = nullptr;
    std::unique_ptr<pqxx::connection> connection;
};
thread_local thread_connection current;

std::string with_connect_timeout(const std::string& connection_string)
{
    constexpr const char* seconds = "3";
    if (connection_string.find("connect_timeout") != std::string::npos)
        return connection_string;
    bool is_uri = connection_string.rfind("postgresql://", 0) == 0 || connection_string.rfind("postgres://", 0) == 0;
    if (is_uri)
        return connection_string + (connection_string.find('?') == std::string::npos ? "?" : "&") +
               "connect_timeout=" + seconds;
    return connection_string + (connection_string.empty() ? "" : " ") + "connect_timeout=" + seconds;
}

} // namespace

pool::pool(pool_options options) : options_(std::move(options)), threads_(options_.size)
{
}

pool::~pool()
{
    stop();
}

void pool::stop()
{
    threads_.stop();
    threads_.join();
}

std::unique_ptr<pqxx::connection> pool::connect() const
{
    auto c = std::make_unique<pqxx::connection>(with_connect_timeout(options_.connection_string));
    pqxx::nontransaction setup(*c);
    // Plain SQL, not named statements: SET takes no parameters, and the timeout comes from the configuration.
    setup.exec0("SET statement_timeout = " + std::to_string(options_.statement_timeout.count()));
    setup.exec0("SET TIME ZONE 'UTC'");
    return c;
}

bool pool::has_this_thread_connection() const
{
    return current.owner == this && current.connection && current.connection->is_open();
}

pqxx::connection& pool::this_thread_connection()
{
    if (current.owner != this || !current.connection || !current.connection->is_open()) {
        current.connection.reset();
        current.owner = this;
        current.connection = connect();
    }
    return *current.connection;
}

void pool::drop_this_thread_connection()
{
    current.connection.reset();
}

namespace {

// A database outage is usually a restart or a failover: clients are told when to try again.
constexpr int outage_retry_after_seconds = 2;

api_error unavailable(std::string detail)
{
    api_error e(errc::unavailable, std::move(detail));
    e.retry_after_seconds = outage_retry_after_seconds;
    return e;
}

} // namespace

api_error pool::translate_broken(const std::exception& e)
{
    spdlog::warn("database connection lost: {}", e.what());
    return unavailable("The database is not reachable just now. Please try again shortly.");
}

bool pool::is_connection_failure(const pqxx::sql_error& e)
{
    const std::string& state = e.sqlstate();
    return state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0;
}

api_error pool::translate(const pqxx::sql_error& e)
{
    const std::string& state = e.sqlstate();
    if (state == "23505")
        return api_error(errc::conflict, "This already exists.");
    if (state == "23503" || state == "23514" || state == "23502" || state.rfind("22", 0) == 0)
        return api_error(errc::validation_failed, "The values given are not valid together.");
    if (state == "57014")
        return unavailable("The database took too long to answer. Please try again.");
    if (is_connection_failure(e))
        return unavailable("The database is not reachable just now. Please try again shortly.");
    spdlog::error("database error {}: {} (query: {})", state, e.what(), e.query());
    return api_error(errc::internal, "An unexpected database error happened.");
}

} // namespace pswnet::db
