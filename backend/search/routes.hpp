// GET /api/v1/search: one search over discussions and the practice library, each hit marked with its type.
#pragma once

#include "forum/service.hpp"
#include "library/service.hpp"
#include "net/router.hpp"

namespace pswnet::search {

void add_routes(router& r, forum::service& discussions, library::service& library);

} // namespace pswnet::search
