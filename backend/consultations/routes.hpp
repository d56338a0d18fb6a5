// Consultations' HTTP routes and the rule for their realtime channel.
#pragma once

#include "consultations/papers.hpp"
#include "consultations/service.hpp"
#include "net/router.hpp"
#include "realtime/channel_policy.hpp"

namespace pswnet::consultations {

void add_routes(router& r, service& consultations, papers& papers);
void add_channel_rules(realtime::channel_policy& policy, service& consultations);

} // namespace pswnet::consultations
