// Replies by email: the reply+TOKEN address an email carried names its recipient and thread; a reply that cannot
// be posted gets an email back that says why.
#pragma once

#include "core/net.hpp"
#include "db/pool.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pswnet::notifications {

struct reply_target {
    std::int64_t user_id = 0;
    std::int64_t thread_id = 0;
    std::string email; // lower case
    std::string name;
};

class reply_store {
public:
    explicit reply_store(db::pool& pool) : pool_(pool) {}

    // The token of a reply+TOKEN address: its person (still active) and thread; none when unknown or expired.
    awaitable<std::optional<reply_target>> find(std::string token);

    awaitable<void> refuse(reply_target to, std::string original_subject, std::string reason,
                           std::optional<std::string> in_reply_to);

private:
    db::pool& pool_;
};

} // namespace pswnet::notifications
