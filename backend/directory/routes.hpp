// HTTP routes of the organisation directory.
#pragma once

#include "directory/service.hpp"
#include "net/router.hpp"

namespace pswnet::directory {

void add_routes(router& r, service& directory);

} // namespace pswnet::directory
