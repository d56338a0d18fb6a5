#include "notifications/service.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace pswnet::notifications {
namespace {

api_error unknown_link()
{
    return {errc::not_found, "This unsubscribe link is not known or has expired. Change your notification settings "
                             "after signing in instead."};
}

} // namespace

awaitable<notification_page> service::notifications(const principal& who, bool unread_only, int limit,
                                                    std::optional<std::int64_t> after_id)
{
    co_return co_await store_.list(who.user_id, unread_only, limit, after_id);
}

awaitable<void> service::mark_read(const principal& who, std::vector<std::int64_t> ids, audit_context audit)
{
    co_await store_.mark_read(who.user_id, std::move(ids), std::move(audit));
}

awaitable<settings> service::settings_of(const principal& who)
{
    co_return co_await store_.settings_of(who.user_id);
}

awaitable<settings> service::save_settings(const principal& who, settings chosen, audit_context audit)
{
    co_return co_await store_.save_settings(who.user_id, std::move(chosen), std::move(audit));
}

awaitable<unsubscribe_target> service::unsubscribe_target_of(const std::string& token)
{
    auto found = co_await store_.unsubscribe_target_of(crypto::token_hash(token));
    if (!found)
        throw unknown_link();
    co_return *found;
}

awaitable<unsubscribe_target> service::unsubscribe(const std::string& token, audit_context audit)
{
    auto done = co_await store_.unsubscribe(crypto::token_hash(token), std::move(audit));
    if (!done)
        throw unknown_link();
    co_return *done;
}

awaitable<outbox_page> service::outbox(const principal& who, std::optional<std::string> status, int limit,
                                       std::optional<std::int64_t> after_id)
{
    if (!who.has(role::network_admin))
        throw api_error(errc::forbidden, "Only network administrators can see the outbox.");
    co_return co_await store_.outbox(std::move(status), limit, after_id);
}

} // namespace pswnet::notifications
