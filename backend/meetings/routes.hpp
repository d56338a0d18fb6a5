// Meetings' routes: a group's meetings and actions, a meeting and its answers, minutes and .ics file, an action,
// and calendar feeds.
#pragma once

#include "meetings/actions.hpp"
#include "meetings/calendar_feeds.hpp"
#include "meetings/service.hpp"
#include "net/router.hpp"

namespace pswnet::meetings {

void add_routes(router& r, service& meetings, actions& actions, calendar_feeds& feeds);

} // namespace pswnet::meetings
