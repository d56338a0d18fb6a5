// Routing of lag-tolerant reads between the primary and a streaming replica, by measured staleness.
#include "db/lag_tolerant_reads.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace pswnet::db {
namespace {

constexpr std::size_t kept_samples = 256;

std::int64_t ticks(lag_tolerant_reads::clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

} // namespace

lag_tolerant_reads::lag_tolerant_reads(pool& primary, pool* replica, std::chrono::milliseconds max_staleness)
    : primary_(primary), replica_(replica), max_staleness_(max_staleness)
{
}

std::chrono::milliseconds lag_tolerant_reads::measure_interval() const
{
    // Often enough that a replica keeping up is seen to be fresh well within the bound.
    return std::clamp(max_staleness_ / 4, std::chrono::milliseconds(20), std::chrono::milliseconds(1000));
}

std::optional<std::chrono::nanoseconds> lag_tolerant_reads::staleness(clock::time_point now) const
{
    auto fresh_as_of = fresh_as_of_ns_.load(std::memory_order_acquire);
    if (fresh_as_of == 0)
        return std::nullopt;
    return std::chrono::nanoseconds(ticks(now) - fresh_as_of);
}

pool& lag_tolerant_reads::pool_for_read()
{
    if (replica_) {
        auto behind = staleness(clock::now());
        if (behind && *behind <= max_staleness_) {
            replica_reads_.fetch_add(1, std::memory_order_relaxed);
            return *replica_;
        }
    }
    primary_reads_.fetch_add(1, std::memory_order_relaxed);
    return primary_;
}

boost::asio::awaitable<void> lag_tolerant_reads::measure()
{
    if (!replica_)
        co_return;
    auto taken_at = clock::now();
    auto position = co_await primary_.query([](pqxx::nontransaction& tx) {
        return tx.exec1("SELECT (pg_current_wal_flush_lsn() - '0/0')::bigint")[0].as<std::int64_t>();
    });
    samples_.push_back({taken_at, position});
    if (samples_.size() > kept_samples)
        samples_.pop_front();

    auto replayed = co_await replica_->query([](pqxx::nontransaction& tx) -> std::optional<std::int64_t> {
        auto row = tx.exec1("SELECT (pg_last_wal_replay_lsn() - '0/0')::bigint");
        if (row[0].is_null())
            return std::nullopt; // not a standby
        return row[0].as<std::int64_t>();
    });
    if (!replayed)
        throw std::runtime_error("--read-database-url is not a streaming replica (it is not in recovery)");
    // The latest sample the replica has reached, and everything older with it.
    auto reached =
        std::find_if(samples_.rbegin(), samples_.rend(), [&](const sample& s) { return s.position <= *replayed; });
    if (reached == samples_.rend())
        co_return;
    fresh_as_of_ns_.store(ticks(reached->taken_at), std::memory_order_release);
    samples_.erase(samples_.begin(), reached.base() - 1);
}

std::string lag_tolerant_reads::metrics_text() const
{
    std::ostringstream out;
    out << "# HELP pswnet_lag_tolerant_reads_total Reads that tolerate lag, by the database that served them.\n"
        << "# TYPE pswnet_lag_tolerant_reads_total counter\n"
        << "pswnet_lag_tolerant_reads_total{database=\"replica\"} " << replica_reads_.load() << "\n"
        << "pswnet_lag_tolerant_reads_total{database=\"primary\"} " << primary_reads_.load() << "\n";
    if (replica_) {
        auto behind = staleness(clock::now());
        out << "# HELP pswnet_read_replica_staleness_seconds How far behind the primary the replica was last seen "
               "to be (-1: not yet seen).\n"
            << "# TYPE pswnet_read_replica_staleness_seconds gauge\n"
            << "pswnet_read_replica_staleness_seconds "
            << (behind ? std::chrono::duration<double>(*behind).count() : -1.0) << "\n";
    }
    return out.str();
}

} // namespace pswnet::db
