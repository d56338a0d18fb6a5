// Counts failed sign-ins per key (an account, an address) in a sliding window, in memory, bounded in size.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace pswnet::identity {

class rate_limiter {
public:
    using clock = std::chrono::steady_clock;

    rate_limiter(std::size_t max_failures, std::chrono::seconds window, std::size_t max_keys = 100'000);

    // Seconds to wait when the key is over its limit, otherwise nullopt.
    std::optional<std::chrono::seconds> blocked_for(const std::string& key, clock::time_point now = clock::now());
    void record_failure(const std::string& key, clock::time_point now = clock::now());
    void reset(const std::string& key);
    std::size_t tracked_keys();

private:
    void forget_expired(std::deque<clock::time_point>& failures, clock::time_point now) const;

    std::size_t max_failures_;
    std::chrono::seconds window_;
    std::size_t max_keys_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<clock::time_point>> failures_;
};

} // namespace pswnet::identity
