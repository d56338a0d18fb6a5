// Discussion rules: asking, answering, accepting, reacting, following, finding. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "db/write_limits.hpp"
#include "directory/comparator_groups.hpp"
#include "directory/service.hpp"
#include "forum/model.hpp"
#include "forum/thread_store.hpp"
#include "groups/service.hpp"

namespace pswnet::forum {

class service {
public:
    service(thread_store& threads, directory::service& directory, directory::comparator_groups& comparator_groups,
            groups::service& groups, db::write_limits& limits);

    awaitable<thread_page> list(const principal& who, thread_filter filter);
    awaitable<thread> get(const principal& who, std::int64_t thread_id);
    awaitable<thread> create(const principal& who, new_thread request, audit_context audit);
    awaitable<std::vector<thread_summary>> similar(const principal& who, std::string title);
    awaitable<search_results> search(const principal& who, std::string q, int limit);

    awaitable<post_view> reply(const principal& who, std::int64_t thread_id, std::string body, bool confirmed,
                               audit_context audit);
    awaitable<post_view> edit(const principal& who, std::int64_t post_id, std::string body, bool confirmed,
                              audit_context audit);
    awaitable<std::vector<revision>> revisions(const principal& who, std::int64_t post_id);
    awaitable<thread> accept(const principal& who, std::int64_t thread_id, std::optional<std::int64_t> post_id,
                             audit_context audit);
    awaitable<reaction_state> react(const principal& who, std::int64_t post_id, std::string kind, audit_context audit);
    awaitable<void> set_subscription(const principal& who, std::int64_t thread_id, bool subscribed,
                                     audit_context audit);

    // For the real-time channel policy: may this user read the thread (by REST, so by WebSocket)?
    awaitable<bool> may_read_thread(const principal& who, std::int64_t thread_id);

    // Shared with moderation.
    awaitable<thread_summary> existing_thread(const principal& who, std::int64_t thread_id);
    awaitable<post> existing_post(const principal& who, std::int64_t post_id);
    awaitable<post_view> view_post(const principal& who, std::int64_t post_id);

private:
    thread_store& threads_;
    directory::service& directory_;
    directory::comparator_groups& comparator_groups_;
    groups::service& groups_;
    db::write_limits& limits_;
};

} // namespace pswnet::forum
