// The access log. Paths are logged with their route template, never bodies, query strings or tokens.
#include "net/access_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace pswnet {
namespace {

bool looks_like_token(std::string_view segment)
{
    return segment.size() >= min_token_segment && std::all_of(segment.begin(), segment.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '%' || c == '=';
           });
}

} // namespace

std::string loggable_path(std::string_view route, std::string_view path)
{
    // A route that takes a token (an invitation, later a password reset) is logged as its template.
    if (route.find("{token}") != std::string_view::npos)
        return std::string(route);
    // Pages of the webclient carry tokens too (/invitations/<token>): any long token-like segment is masked.
    std::string logged;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        auto segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        logged += looks_like_token(segment) ? std::string_view("{redacted}") : segment;
        if (slash == std::string_view::npos)
            break;
        logged.push_back('/');
        start = slash + 1;
    }
    return logged;
}

void log_request(log_format format, const request_context& ctx, int status, double seconds)
{
    std::string principal = ctx.principal ? "user:" + std::to_string(ctx.principal->user_id) : "anonymous";
    auto method = http::to_string(ctx.request.method());
    auto target = ctx.request.target();
    auto path = loggable_path(ctx.route, target.substr(0, target.find('?')));
    double ms = seconds * 1000.0;
    if (format == log_format::json) {
        http_json::json line{{"event", "request"},
                             {"request_id", ctx.request_id},
                             {"principal", principal},
                             {"method", method},
                             {"route", ctx.route},
                             {"path", path},
                             {"status", status},
                             {"duration_ms", ms},
                             {"client", ctx.client_address}};
        spdlog::info("{}", line.dump(-1, ' ', false, http_json::json::error_handler_t::replace));
        return;
    }
    spdlog::info("request id={} principal={} {} {} route={} status={} duration_ms={:.2f} client={}", ctx.request_id,
                 principal, method, path, ctx.route, status, ms, ctx.client_address);
}

} // namespace pswnet
