// Benchmarking's HTTP routes.
#pragma once

#include "benchmarking/service.hpp"
#include "net/router.hpp"

namespace pswnet::benchmarking {

void add_routes(router& r, service& benchmarking);

} // namespace pswnet::benchmarking
