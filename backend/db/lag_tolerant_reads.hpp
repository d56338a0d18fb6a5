// Reads that tolerate a bounded lag (the directory, search) go to a streaming replica (--read-database-url) while
// the replica is known to hold every write the primary committed up to --read-max-staleness-ms ago, and to the
// primary otherwise: when there is no replica, when it falls behind, or when it cannot be reached.
//
// How fresh the replica is, is measured rather than assumed: now and then the primary's WAL flush position is
// sampled, with the time it was sampled at; the replica is as fresh as the latest sample its replay has reached.
// A commit is acknowledged only once flushed (synchronous_commit is on), so every write acknowledged before that
// sample lies at or below that position, and a read on the replica sees it.
#pragma once

#include "db/pool.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace pswnet::db {

class lag_tolerant_reads {
public:
    using clock = std::chrono::steady_clock;

    // replica may be null: every read goes to the primary.
    lag_tolerant_reads(pool& primary, pool* replica, std::chrono::milliseconds max_staleness);

    // The replica while it is fresh enough, else the primary.
    pool& pool_for_read();

    // One measurement: samples the primary's position and reads how far the replica has replayed. Called every
    // measure_interval() by the server; throws when either database cannot be asked (the replica then goes stale).
    boost::asio::awaitable<void> measure();
    std::chrono::milliseconds measure_interval() const;
    bool has_replica() const noexcept { return replica_ != nullptr; }

    // Prometheus lines: the replica's staleness and where reads went.
    std::string metrics_text() const;

private:
    struct sample {
        clock::time_point taken_at;
        std::int64_t position; // bytes of WAL
    };

    std::optional<std::chrono::nanoseconds> staleness(clock::time_point now) const;

    pool& primary_;
    pool* replica_;
    std::chrono::milliseconds max_staleness_;
    std::deque<sample> samples_;                  // touched only by measure(), one at a time
    std::atomic<std::int64_t> fresh_as_of_ns_{0}; // clock ticks of the latest sample the replica has replayed; 0: none
    std::atomic<std::uint64_t> replica_reads_{0};
    std::atomic<std::uint64_t> primary_reads_{0};
};

} // namespace pswnet::db
