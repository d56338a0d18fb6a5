// SQL of moderation in discussions: flags and their queue, hiding posts, locking threads.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "forum/model.hpp"

namespace pswnet::forum {

class moderation_store {
public:
    explicit moderation_store(db::pool& pool) : pool_(pool) {}

    awaitable<std::int64_t> add_flag(principal who, std::int64_t post_id, std::string reason, audit_context audit);
    awaitable<flag_page> flags(bool open, int limit, std::optional<std::int64_t> after_id);
    awaitable<std::optional<flag>> find_flag(std::int64_t flag_id);
    awaitable<void> resolve_flag(principal who, std::int64_t flag_id, std::string resolution, audit_context audit);
    awaitable<void> set_hidden(principal who, std::int64_t post_id, bool hidden, std::string reason,
                               audit_context audit);
    awaitable<void> set_locked(principal who, std::int64_t thread_id, bool locked, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::forum
