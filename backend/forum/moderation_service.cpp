// Moderation rules: members flag, moderators decide. Every action is audited by the store.
#include "forum/moderation_service.hpp"

#include "core/text.hpp"
#include "forum/policy.hpp"

namespace pswnet::forum {
namespace {

void require_moderator(const principal& who)
{
    if (!policy::is_moderator(who))
        throw api_error(errc::forbidden, "Only moderators can do this.");
}

} // namespace

moderation_service::moderation_service(moderation_store& store, service& discussions, db::write_limits& limits)
    : store_(store), discussions_(discussions), limits_(limits)
{
}

awaitable<std::int64_t> moderation_service::flag_post(const principal& who, std::int64_t post_id, std::string reason,
                                                      audit_context audit)
{
    auto trimmed = reason.find_first_not_of(" \t\r\n") == std::string::npos ? std::string{} : reason;
    if (trimmed.empty() || text::character_count(trimmed) > max_flag_reason_length)
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{"reason", "must be 1 to 500 characters"}});
    co_await discussions_.existing_post(who, post_id);
    co_await limits_.take(who.user_id, policy::flags);
    try {
        co_return co_await store_.add_flag(who, post_id, std::move(trimmed), std::move(audit));
    } catch (const api_error& e) {
        if (e.code() == errc::conflict)
            throw api_error(errc::conflict, "You have already flagged this post; a moderator will look at it.");
        throw;
    }
}

awaitable<flag_page> moderation_service::queue(const principal& who, bool open, int limit,
                                               std::optional<std::int64_t> after_id)
{
    require_moderator(who);
    co_return co_await store_.flags(open, limit, after_id);
}

awaitable<void> moderation_service::resolve(const principal& who, std::int64_t flag_id, std::string resolution,
                                            audit_context audit)
{
    require_moderator(who);
    if (resolution != "hidden" && resolution != "dismissed")
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{"resolution", "must be hidden or dismissed"}});
    if (!co_await store_.find_flag(flag_id))
        throw api_error(errc::not_found, "There is no flag " + std::to_string(flag_id) + ".");
    co_await store_.resolve_flag(who, flag_id, std::move(resolution), std::move(audit));
}

awaitable<post_view> moderation_service::set_hidden(const principal& who, std::int64_t post_id, bool hidden,
                                                    std::string reason, audit_context audit)
{
    require_moderator(who);
    if (text::character_count(reason) > max_flag_reason_length)
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{"reason", "must be at most 500 characters"}});
    auto existing = co_await discussions_.existing_post(who, post_id);
    if (existing.is_opening && hidden)
        throw api_error(errc::validation_failed, "Lock the discussion instead of hiding the question itself.",
                        {{"post_id", "is the opening post of its discussion"}});
    co_await store_.set_hidden(who, post_id, hidden, std::move(reason), std::move(audit));
    co_return co_await discussions_.view_post(who, post_id);
}

awaitable<thread_summary> moderation_service::set_locked(const principal& who, std::int64_t thread_id, bool locked,
                                                         audit_context audit)
{
    require_moderator(who);
    co_await discussions_.existing_thread(who, thread_id);
    co_await store_.set_locked(who, thread_id, locked, std::move(audit));
    co_return co_await discussions_.existing_thread(who, thread_id);
}

} // namespace pswnet::forum
