// Building responses: JSON bodies, problem details, and the headers every response carries.
#pragma once

#include "core/error.hpp"
#include "net/request_context.hpp"

#include <string>

namespace pswnet {

response json_response(const request_context& ctx, http::status status, const http_json::json& body);

// A JSON array of the values, each by its capability's to_json (found by argument-dependent lookup).
http_json::json json_items(const auto& values)
{
    auto items = http_json::json::array();
    for (const auto& v : values)
        items.push_back(to_json(v));
    return items;
}
response no_content(const request_context& ctx);

// RFC 9457 problem details for an error, carrying the request id so a user can quote it.
response problem_response(const request& req, const api_error& error, const std::string& request_id);

// Security headers and keep-alive; called once for every response just before it is written.
void finish_response(response& res, const request& req, bool keep_alive);

} // namespace pswnet
