// HTTP routes of identity: sign-in, sessions, invitations, members.
#pragma once

#include "identity/service.hpp"
#include "net/router.hpp"

namespace pswnet::identity {

void add_routes(router& r, service& identity);

} // namespace pswnet::identity
