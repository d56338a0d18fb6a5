// Operational endpoints: liveness, readiness, Prometheus metrics, and the OpenAPI document.
#pragma once

#include "db/lag_tolerant_reads.hpp"
#include "db/pool.hpp"
#include "db/write_batches.hpp"
#include "hot_reads/response_cache.hpp"
#include "net/request_metrics.hpp"
#include "net/router.hpp"

#include <string>
#include <vector>

namespace pswnet::operations {

// What /metrics reports on.
struct measured {
    db::pool& pool;
    const db::lag_tolerant_reads& lag_tolerant;
    const request_metrics& requests;
    const hot_reads::response_cache& hot_reads;
    const db::write_batch_counts& reply_batches;
};

// The public listener's routes; /metrics there answers only the client addresses in metrics_allow.
void add_routes(router& r, measured sources, std::vector<std::string> metrics_allow);

// The routes of the --metrics-listen listener: /metrics, /healthz and /readyz, and nothing else.
void add_metrics_listener_routes(router& r, measured sources);

// The OpenAPI document as JSON text (compiled into the binary from schemas/openapi.yaml).
const std::string& openapi_json();

} // namespace pswnet::operations
