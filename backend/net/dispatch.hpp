// From a complete request to a response: routing, authentication, Origin and CSRF checks, the handler, the
// one place where errors become problem responses, metrics and the access log line.
#pragma once

#include "core/net.hpp"
#include "net/server_state.hpp"

namespace pswnet {

struct client_info {
    std::string address;
};

awaitable<response> dispatch(server_state& state, const request& req, const client_info& client);

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
