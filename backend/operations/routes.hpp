// Operational endpoints: liveness, readiness, Prometheus metrics, and the OpenAPI document.
#pragma once

#include "db/pool.hpp"
#include "net/request_metrics.hpp"
#include "net/router.hpp"

namespace pswnet::operations {

void add_routes(router& r, db::pool& pool, const request_metrics& metrics);

// The OpenAPI document as JSON text (compiled into the binary from schemas/openapi.yaml).
const std::string& openapi_json();

} // namespace pswnet::operations
