#include "meetings/calendar_feeds.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "meetings/policy.hpp"

namespace pswnet::meetings {

awaitable<calendar_feed> calendar_feeds::state(const principal& who)
{
    auto made = co_await store_.made_at(who.user_id);
    co_return calendar_feed{made.has_value(), made, std::nullopt};
}

awaitable<calendar_feed> calendar_feeds::create(const principal& who, const std::string& origin, audit_context audit)
{
    co_await limits_.take(who.user_id, policy::new_feeds);
    auto token = crypto::random_token();
    auto made = co_await store_.replace(who.user_id, crypto::token_hash(token), std::move(audit));
    co_return calendar_feed{true, made, origin + "/api/v1/calendar-feeds/" + token + "/meetings.ics"};
}

awaitable<void> calendar_feeds::revoke(const principal& who, audit_context audit)
{
    co_await store_.revoke(who.user_id, std::move(audit));
}

awaitable<std::vector<meeting>> calendar_feeds::meetings_for(const std::string& token)
{
    auto owner = co_await store_.owner(crypto::token_hash(token));
    if (!owner)
        throw api_error(errc::not_found, "There is no such calendar feed: it may have been replaced or stopped.");
    co_return co_await store_.meetings_of(*owner);
}

} // namespace pswnet::meetings
