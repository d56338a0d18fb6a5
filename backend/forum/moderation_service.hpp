// Moderation of discussions: flags from members, the moderators' queue, hiding posts and locking threads.
#pragma once

#include "forum/moderation_store.hpp"
#include "forum/service.hpp"

namespace pswnet::forum {

class moderation_service {
public:
    moderation_service(moderation_store& store, service& discussions, db::write_limits& limits);

    awaitable<std::int64_t> flag_post(const principal& who, std::int64_t post_id, std::string reason,
                                      audit_context audit);
    awaitable<flag_page> queue(const principal& who, bool open, int limit, std::optional<std::int64_t> after_id);
    awaitable<void> resolve(const principal& who, std::int64_t flag_id, std::string resolution, audit_context audit);
    awaitable<post_view> set_hidden(const principal& who, std::int64_t post_id, bool hidden, std::string reason,
                                    audit_context audit);
    awaitable<thread_summary> set_locked(const principal& who, std::int64_t thread_id, bool locked,
                                         audit_context audit);

private:
    moderation_store& store_;
    service& discussions_;
    db::write_limits& limits_;
};

} // namespace pswnet::forum
