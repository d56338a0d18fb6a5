// The library's HTTP routes and the rule for its realtime channel resource:{id}.
#pragma once

#include "library/service.hpp"
#include "net/router.hpp"
#include "realtime/channel_policy.hpp"

namespace pswnet::library {

void add_routes(router& r, service& library);
void add_channel_rules(realtime::channel_policy& policy, service& library);

} // namespace pswnet::library
