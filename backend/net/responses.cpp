// Response builders shared by every route, so no route formats errors or headers by itself.
#include "net/responses.hpp"

namespace pswnet {
namespace {

constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

} // namespace

response json_response(const request_context& ctx, http::status status, const http_json::json& body)
{
    response res{status, ctx.request.version()};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = body.dump(-1, ' ', false, http_json::json::error_handler_t::replace);
    res.prepare_payload();
    return res;
}

response no_content(const request_context& ctx)
{
    response res{http::status::no_content, ctx.request.version()};
    res.set(http::field::cache_control, "no-store");
    return res;
}

response problem_response(const request& req, const api_error& error, const std::string& request_id)
{
    auto kind = problem_for(error.code());
    http_json::json body{
        {"type", error.type.empty() ? std::string(kind.type) : error.type},
        {"title", error.title.empty() ? std::string(kind.title) : error.title},
        {"status", kind.status},
        {"detail", error.detail()},
        {"request_id", request_id},
    };
    if (!error.errors().empty()) {
        auto& errors = body["errors"] = http_json::json::array();
        for (const auto& e : error.errors()) {
            errors.push_back({{"field", e.field}, {"message", e.message}});
            if (!e.kind.empty())
                errors.back()["kind"] = e.kind;
        }
    }
    response res{static_cast<http::status>(kind.status), req.version()};
    res.set(http::field::content_type, "application/problem+json");
    res.set("X-Request-Id", request_id);
    res.set(http::field::cache_control, "no-store");
    if (error.retry_after_seconds)
        res.set(http::field::retry_after, std::to_string(*error.retry_after_seconds));
    if (!error.allow.empty())
        res.set(http::field::allow, error.allow);
    res.body() = body.dump(-1, ' ', false, http_json::json::error_handler_t::replace);
    res.prepare_payload();
    return res;
}

void finish_response(response& res, const request& req, bool keep_alive)
{
    res.set(http::field::server, "pswnet");
    res.set("Content-Security-Policy", content_security_policy);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "same-origin");
    res.set("Cross-Origin-Opener-Policy", "same-origin");
    res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    res.keep_alive(keep_alive);
    if (req.method() == http::verb::head) {
        // Same headers as GET, no body.
        auto length = res.body().size();
        res.body().clear();
        res.content_length(length);
    }
}

} // namespace pswnet
