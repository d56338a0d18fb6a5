// A pool of database threads, each owning one pqxx::connection; coroutines co_await work on it, so no
// I/O thread ever blocks on PostgreSQL. libpqxx errors are translated to api_error here and never leave.
#pragma once

#include "core/error.hpp"
#include "core/offload.hpp"
#include "db/pipelined_transaction.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace pswnet::db {

struct pool_options {
    std::string connection_string;
    std::size_t size = 8;
    std::chrono::milliseconds statement_timeout{5000};
};

class pool {
public:
    explicit pool(pool_options options);
    ~pool();
    pool(const pool&) = delete;
    pool& operator=(const pool&) = delete;

    // Runs fn(pqxx::connection&) on a database thread and resumes the caller with its result.
    template <class Fn> auto run(Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&, pqxx::connection&>>
    {
        waiting_.fetch_add(1, std::memory_order_relaxed);
        return offload(threads_, [this, fn = std::move(fn)]() mutable {
            waiting_.fetch_sub(1, std::memory_order_relaxed);
            busy_guard busy(in_use_);
            return execute(fn);
        });
    }

    // fn(pqxx::work&) in a read-write transaction, committed when fn returns.
    template <class Fn> auto write(Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&, pqxx::work&>>
    {
        return run([this, fn = std::move(fn)](pqxx::connection& c) mutable {
            pqxx::work tx(c);
            if constexpr (std::is_void_v<std::invoke_result_t<Fn&, pqxx::work&>>) {
                fn(tx);
                tx.commit();
                committed();
            } else {
                auto value = fn(tx);
                tx.commit();
                committed();
                return value;
            }
        });
    }

    // fn(pipelined_transaction&, const pipelined_rows& first_rows), which ends with commit_with(its last statement):
    // `first` goes to PostgreSQL with the BEGIN, and the last statement with the COMMIT, each in one round trip.
    template <class Fn>
    auto write_pipelined(bound_statement first, Fn fn)
        -> boost::asio::awaitable<std::invoke_result_t<Fn&, pipelined_transaction&, const pipelined_rows&>>
    {
        return run([this, first = std::move(first), fn = std::move(fn)](pqxx::connection& c) mutable {
            pipelined_transaction tx(c, first);
            auto value = fn(tx, tx.first_rows());
            if (!tx.committed_in_pipeline())
                throw std::logic_error("a pipelined write returned without commit_with");
            committed();
            return value;
        });
    }

    // Called on the database thread after every write transaction commits (set once, before serving).
    void after_commit(std::function<void()> hook) { after_commit_ = std::move(hook); }

    // fn(pqxx::read_transaction&) in a read-only transaction.
    template <class Fn> auto read(Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&, pqxx::read_transaction&>>
    {
        return run([fn = std::move(fn)](pqxx::connection& c) mutable {
            pqxx::read_transaction tx(c);
            return fn(tx);
        });
    }

    // fn(pqxx::nontransaction&): one statement in autocommit, one round trip; for single-statement reads.
    template <class Fn> auto query(Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&, pqxx::nontransaction&>>
    {
        return run([fn = std::move(fn)](pqxx::connection& c) mutable {
            pqxx::nontransaction tx(c);
            return fn(tx);
        });
    }

    std::size_t in_use() const noexcept { return in_use_.load(std::memory_order_relaxed); }
    std::size_t waiting() const noexcept { return waiting_.load(std::memory_order_relaxed); }
    std::size_t size() const noexcept { return options_.size; }

    // A fresh connection of the pool's settings, for work that must hold one (migrations, LISTEN).
    std::unique_ptr<pqxx::connection> connect() const;

    void stop();

private:
    struct busy_guard {
        explicit busy_guard(std::atomic<std::size_t>& counter) : counter_(counter) { counter_.fetch_add(1); }
        ~busy_guard() { counter_.fetch_sub(1); }
        busy_guard(const busy_guard&) = delete;
        busy_guard& operator=(const busy_guard&) = delete;
        std::atomic<std::size_t>& counter_;
    };

    // A connection that broke while idle (PostgreSQL restarted) is replaced and the work tried once more: nothing
    // of it can have committed, since a break during COMMIT is an in_doubt_error, which is never retried.
    template <class Fn> auto execute(Fn& fn) -> std::invoke_result_t<Fn&, pqxx::connection&>
    {
        for (int attempt = 1;; ++attempt) {
            bool reused = has_this_thread_connection();
            try {
                return fn(this_thread_connection());
            } catch (const pqxx::broken_connection& e) {
                drop_this_thread_connection();
                if (!reused || attempt > 1)
                    throw translate_broken(e);
            } catch (const pqxx::in_doubt_error& e) {
                drop_this_thread_connection();
                throw translate_broken(e);
            } catch (const pqxx::sql_error& e) {
                if (!is_connection_failure(e))
                    throw translate(e);
                drop_this_thread_connection();
                if (!reused || attempt > 1)
                    throw translate(e);
            }
        }
    }

    bool has_this_thread_connection() const;
    pqxx::connection& this_thread_connection();
    void committed() const
    {
        if (after_commit_)
            after_commit_();
    }
    void drop_this_thread_connection();
    static bool is_connection_failure(const pqxx::sql_error& e);
    static api_error translate(const pqxx::sql_error& e);
    static api_error translate_broken(const std::exception& e);

    pool_options options_;
    std::function<void()> after_commit_;
    boost::asio::thread_pool threads_;
    std::atomic<std::size_t> in_use_{0};
    std::atomic<std::size_t> waiting_{0};
};

} // namespace pswnet::db
