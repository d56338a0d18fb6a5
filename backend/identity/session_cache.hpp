// Recently authenticated sessions, kept for --session-cache-ms (30 s by default) so that a busy client does not
// cost a database query per request. Signing out and disabling a user are published through the event log
// (system:sessions), so every instance drops the entries at once; max_age bounds what a lost event could cost.
#pragma once

#include "core/principal.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace pswnet::identity {

class session_cache {
public:
    using clock = std::chrono::steady_clock;

    session_cache(std::chrono::milliseconds max_age, std::size_t max_entries);

    std::optional<principal> find(const std::string& token_hash, clock::time_point now = clock::now());
    void remember(const std::string& token_hash, const principal& who, clock::time_point now = clock::now());
    void forget_session(std::int64_t session_id);
    void forget_user(std::int64_t user_id);
    std::size_t size();

private:
    struct entry {
        principal who;
        clock::time_point expires;
    };

    std::chrono::milliseconds max_age_;
    std::size_t max_entries_;
    std::mutex mutex_;
    std::unordered_map<std::string, entry> entries_;
};

} // namespace pswnet::identity
