// SQL of notifications: a person's list and read marks, their email settings, one-click unsubscribes, and the
// outbox as network administrators see it.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "notifications/model.hpp"

namespace pswnet::notifications {

struct unsubscribe_target {
    std::string kind; // a notification kind, or "digest"
    std::string label;
};

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    awaitable<notification_page> list(std::int64_t user_id, bool unread_only, int limit,
                                      std::optional<std::int64_t> after_id);
    // ids empty: all of them.
    awaitable<void> mark_read(std::int64_t user_id, std::vector<std::int64_t> ids, audit_context audit);

    awaitable<settings> settings_of(std::int64_t user_id);
    awaitable<settings> save_settings(std::int64_t user_id, settings chosen, audit_context audit);

    // nullopt: no such token, or it expired.
    awaitable<std::optional<unsubscribe_target>> unsubscribe_target_of(std::string token_hash);
    awaitable<std::optional<unsubscribe_target>> unsubscribe(std::string token_hash, audit_context audit);

    awaitable<outbox_page> outbox(std::optional<std::string> status, int limit, std::optional<std::int64_t> after_id);

private:
    db::pool& pool_;
};

} // namespace pswnet::notifications
