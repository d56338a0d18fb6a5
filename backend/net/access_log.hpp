// One log line per request: request id, principal, method, route, status and duration; text or JSON lines.
#pragma once

#include "core/config.hpp"
#include "net/request_context.hpp"

namespace pswnet {

// Path segments this long made only of token characters are taken for tokens (ours are 43) and masked.
inline constexpr std::size_t min_token_segment = 32;

// The path as the log may show it: the route template for routes that take a token, otherwise the path with
// token-like segments replaced by {redacted}.
std::string loggable_path(std::string_view route, std::string_view path);

void log_request(log_format format, const request_context& ctx, int status, double seconds);

} // namespace pswnet
