// Notifications' rules: a person reads and changes only their own notifications and settings; an unsubscribe
// token stands in for signing in, for its one kind; only network administrators see the outbox.
#pragma once

#include "core/principal.hpp"
#include "notifications/store.hpp"

namespace pswnet::notifications {

class service {
public:
    explicit service(store& s) : store_(s) {}

    awaitable<notification_page> notifications(const principal& who, bool unread_only, int limit,
                                               std::optional<std::int64_t> after_id);
    awaitable<void> mark_read(const principal& who, std::vector<std::int64_t> ids, audit_context audit);

    awaitable<settings> settings_of(const principal& who);
    awaitable<settings> save_settings(const principal& who, settings chosen, audit_context audit);

    // 404 when the token is unknown or expired.
    awaitable<unsubscribe_target> unsubscribe_target_of(const std::string& token);
    awaitable<unsubscribe_target> unsubscribe(const std::string& token, audit_context audit);

    awaitable<outbox_page> outbox(const principal& who, std::optional<std::string> status, int limit,
                                  std::optional<std::int64_t> after_id);

private:
    store& store_;
};

} // namespace pswnet::notifications
