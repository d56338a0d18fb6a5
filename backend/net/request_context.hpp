// What a route handler sees of a request: the message, path and query parameters, the caller.
#pragma once

#include "core/audit_context.hpp"
#include "core/error.hpp"
#include "core/net.hpp"
#include "core/principal.hpp"
#include "hot_reads/scopes.hpp"
#include "net/json_body.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pswnet {

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

struct request_context {
    const pswnet::request& request;
    std::string request_id;
    std::string client_address;
    std::string origin;  // the service's own origin as seen by this request, e.g. http://localhost:8080
    bool secure = false; // served over TLS (directly or behind a trusted proxy)
    std::string route;   // the matched path template, for logs and metrics
    std::map<std::string, std::string, std::less<>> path_params;
    std::map<std::string, std::string, std::less<>> query;
    std::optional<pswnet::principal> principal;
    std::string credential_token; // the session token the caller presented, when valid
    // What a read changed as it went (a first view of a thread is counted): those kept answers are dropped.
    hot_reads::scopes changed = hot_reads::nothing;

    // The signed-in caller, or api_error(unauthenticated).
    const pswnet::principal& signed_in() const;

    // A path parameter that must be a positive integer id; 404 otherwise (a bad id names nothing).
    std::int64_t id_param(std::string_view name) const;

    std::optional<std::string> query_param(std::string_view name) const;

    // For the audit log: who, from which request and address.
    audit_context audit() const;

    // The body as JSON: 415 unless Content-Type is application/json, 400 when malformed or too deep.
    http_json::json json_body() const;
};

// Percent-decodes a query string into a map; repeated keys keep the first value.
std::map<std::string, std::string, std::less<>> parse_query(std::string_view query);
std::string percent_decode(std::string_view text);

} // namespace pswnet
