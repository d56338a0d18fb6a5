// Password hashing (argon2id) on the CPU pool, never on I/O threads, refusing work beyond a bound rather than
// queueing it without limit: each job holds 64 MiB.
#pragma once

#include "core/net.hpp"

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <optional>
#include <string>

namespace pswnet::identity {

class password_hasher {
public:
    explicit password_hasher(boost::asio::thread_pool& cpu);

    awaitable<std::string> hash(std::string password);
    // Against the stored hash, or, with none (no such account), against a dummy one: the time taken does not tell
    // whether an account exists. False without a stored hash.
    awaitable<bool> verify(std::optional<std::string> stored_hash, std::string password);

private:
    template <class Fn> auto run(Fn work) -> awaitable<std::invoke_result_t<Fn&>>;

    boost::asio::thread_pool& cpu_;
    std::string dummy_hash_;
    std::atomic<int> jobs_{0}; // queued or running
};

} // namespace pswnet::identity
