// A database of its own for each test binary: created in the cluster the PG* variables name (the test command's
// pg_virtualenv), migrated, and dropped at the end. Tests run coroutines against it with run().
#pragma once

#include "db/pool.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <pqxx/pqxx>

#include <memory>
#include <string>

namespace pswnet::db_test {

class database {
public:
    database();
    ~database();
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    const std::string& url() const noexcept { return url_; }
    db::pool& pool() noexcept { return *pool_; }
    pqxx::connection connect() const { return pqxx::connection(url_); }

    // Runs the coroutine to its end on an I/O context of its own and returns its result (or throws its exception).
    template <class T> T run(boost::asio::awaitable<T> task)
    {
        boost::asio::io_context io;
        auto done = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
        io.run();
        return done.get();
    }

private:
    std::string name_;
    std::string url_;
    std::unique_ptr<db::pool> pool_;
};

// The database shared by the tests of one binary.
database& shared_database();

} // namespace pswnet::db_test
