// Benchmarking's HTTP routes.
#pragma once

#include "benchmarking/caseload_check.hpp"
#include "benchmarking/service.hpp"
#include "net/router.hpp"

namespace pswnet::benchmarking {

void add_routes(router& r, service& benchmarking);
void add_caseload_routes(router& r, caseload_check& check);

} // namespace pswnet::benchmarking
