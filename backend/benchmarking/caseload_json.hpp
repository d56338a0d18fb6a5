// JSON of the caseload health check, as described in schemas/openapi.yaml.
#pragma once

#include "benchmarking/caseload_health.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::benchmarking {

nlohmann::json to_json(const caseload_return& r, const std::string& period, const std::string& service);
nlohmann::json to_json(const caseload_health& h);

} // namespace pswnet::benchmarking
