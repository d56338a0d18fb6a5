// From a complete request to a response: routing, authentication, Origin and CSRF checks, the handler, the
// one place where errors become problem responses, metrics and the access log line.
#pragma once

#include "core/net.hpp"
#include "net/server_state.hpp"

namespace pswnet {

// Who is calling, decided from the request's headers before its body is read.
struct caller {
    std::optional<pswnet::principal> principal;
    std::string token;
};

struct client_info {
    std::string address;
    std::optional<pswnet::caller> admitted; // set when admit() already authenticated the request
};

// Before the body is read: authenticates the caller, checks Origin and CSRF, refuses a write without a session
// (401), and runs the route's own admit check. Throws api_error; an unmatched route passes (it has no body to read).
awaitable<caller> admit(server_state& state, const request& head, const std::string& client_address);

awaitable<response> dispatch(server_state& state, const request& req, const client_info& client);

// The problem response for a request refused before its body was read, logged and counted like any other.
response refusal(server_state& state, const request& head, const std::string& client_address, const api_error& error);

// Authentication shared with WebSocket upgrades: fills ctx.principal when the request carries a valid token.
awaitable<void> authenticate(server_state& state, request_context& ctx);

// The origin of the service as this request sees it, and whether it came over TLS.
std::string own_origin(const config& cfg, const request& req, bool* secure);

// The client's address: the socket's peer, or behind a trusted proxy the last X-Forwarded-For entry (the one the
// proxy itself added; earlier entries are whatever the client claimed).
std::string client_address_for(const config& cfg, const request& req, const std::string& peer);

// A request id from X-Request-Id when it is sane, otherwise a new one.
std::string request_id_for(const request& req);

// For writes: a foreign Origin is refused; a cookie session needs its CSRF token.
void check_origin_and_csrf(const request_context& ctx, const route_options& options);

} // namespace pswnet
