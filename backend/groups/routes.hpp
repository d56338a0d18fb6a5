// HTTP routes of groups, and the rule for their real-time channels.
#pragma once

#include "groups/service.hpp"
#include "net/router.hpp"
#include "realtime/channel_policy.hpp"

namespace pswnet::groups {

void add_routes(router& r, service& groups);

// group:{id} carries a group's new discussions and the changes to its members, to those who may read its content.
void add_channel_rules(realtime::channel_policy& policy, service& groups);

} // namespace pswnet::groups
