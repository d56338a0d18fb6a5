// HTTP routes of notifications: the list and read marks, email settings, one-click unsubscribe, and the outbox.
#pragma once

#include "net/router.hpp"
#include "notifications/service.hpp"

namespace pswnet::notifications {

void add_routes(router& r, service& notifications);

} // namespace pswnet::notifications
