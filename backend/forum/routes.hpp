// HTTP routes of discussions and their moderation, and the real-time channels they own.
#pragma once

#include "forum/moderation_service.hpp"
#include "forum/service.hpp"
#include "net/router.hpp"
#include "realtime/channel_policy.hpp"

namespace pswnet::forum {

void add_routes(router& r, service& discussions);
void add_moderation_routes(router& r, moderation_service& moderation);
void add_channel_rules(realtime::channel_policy& policy, service& discussions);

} // namespace pswnet::forum
