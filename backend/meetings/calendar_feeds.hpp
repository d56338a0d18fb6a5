// Personal calendar feeds: an address with a secret in it that a calendar (Outlook's "Subscribe from web") fetches
// on its own, with no sign-in. Only the secret's hash is kept, so the address is shown once, when it is made; making
// a new one, or revoking it, stops the old address at once. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "core/principal.hpp"
#include "db/write_limits.hpp"
#include "meetings/feed_store.hpp"

namespace pswnet::meetings {

class calendar_feeds {
public:
    calendar_feeds(feed_store& store, db::write_limits& limits) : store_(store), limits_(limits) {}

    awaitable<calendar_feed> state(const principal& who);
    // `origin` is the service's own, e.g. https://pswnet.example: the address is under it.
    awaitable<calendar_feed> create(const principal& who, const std::string& origin, audit_context audit);
    awaitable<void> revoke(const principal& who, audit_context audit);

    // The meetings a feed's secret shows; 404 for an unknown, replaced or revoked one, or a disabled account.
    awaitable<std::vector<meeting>> meetings_for(const std::string& token);

private:
    feed_store& store_;
    db::write_limits& limits_;
};

} // namespace pswnet::meetings
