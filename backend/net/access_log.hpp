// One log line per request: request id, principal, method, route, status and duration; text or JSON lines.
#pragma once

#include "core/config.hpp"
#include "net/request_context.hpp"

namespace pswnet {

void log_request(log_format format, const request_context& ctx, int status, double seconds);

} // namespace pswnet
