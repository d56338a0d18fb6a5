// Providers' discovery documents and signing keys, fetched when first needed and kept in memory: the discovery
// document for an hour, the keys until a token names a key the set lacks (the provider rotated its keys). A key id
// still missing after that is not fetched for again for a minute. Fetches run on the pool given, never on an I/O
// thread.
#pragma once

#include "core/net.hpp"
#include "identity/single_sign_on/provider_metadata.hpp"

#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <map>
#include <mutex>

namespace pswnet::identity::single_sign_on {

class provider_documents {
public:
    explicit provider_documents(boost::asio::thread_pool& pool) : pool_(pool) {}

    // Throws invalid_provider or provider_unreachable.
    awaitable<provider_metadata> metadata(std::string issuer);
    // The keys, fetched again when they lack key_id (and were not fetched in the last minute).
    awaitable<signing_keys> keys(std::string issuer, std::optional<std::string> key_id);
    // Fetches both now, whatever is kept: to check a provider an administrator is adding.
    awaitable<provider_metadata> refresh(std::string issuer);

    // Where the service's other calls to providers run (the token endpoint's).
    boost::asio::thread_pool& pool() noexcept { return pool_; }

private:
    struct entry {
        provider_metadata metadata;
        std::chrono::steady_clock::time_point metadata_at;
        std::optional<signing_keys> keys;
        std::map<std::string, std::chrono::steady_clock::time_point> missing_key_ids;
    };

    boost::asio::thread_pool& pool_;
    std::mutex mutex_;
    std::map<std::string, entry> entries_;
};

} // namespace pswnet::identity::single_sign_on
