// HTTP routes of the organisation directory.
#pragma once

#include "directory/comparator_groups.hpp"
#include "directory/service.hpp"
#include "net/router.hpp"

namespace pswnet::directory {

void add_routes(router& r, service& directory);
void add_comparator_group_routes(router& r, comparator_groups& groups);

} // namespace pswnet::directory
