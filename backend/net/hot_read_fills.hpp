// Reads of one kept answer that missed at the same moment (it expired, or a write dropped it) wait for the first of
// them to read the database, rather than each reading it: at most one fill per key is in flight.
#pragma once

#include "core/net.hpp"

#include <boost/asio/experimental/concurrent_channel.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pswnet {

class hot_read_fills {
public:
    // Closed when its fill ends, however it ends: every receive then completes.
    using done_signal = boost::asio::experimental::concurrent_channel<void(boost::system::error_code)>;

    // The caller's fill of a key, finished (its waiters woken) when it goes out of scope, however the fill ends.
    class lease {
    public:
        lease(hot_read_fills& fills, std::string key) : fills_(fills), key_(std::move(key)) {}
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease() { fills_.finish(key_); }

    private:
        hot_read_fills& fills_;
        std::string key_;
    };

    // The fill of `key` under way, to wait for; or nullptr when there is none and the caller's is now under way: it
    // holds a lease of it until it ends.
    std::shared_ptr<done_signal> join(const std::string& key, const net::any_io_executor& executor);

private:
    void finish(const std::string& key);

    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<done_signal>> under_way_;
};

} // namespace pswnet
