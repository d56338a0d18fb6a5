// The access log. Paths are logged as route templates plus the raw target, never bodies or tokens.
#include "net/access_log.hpp"

#include <spdlog/spdlog.h>

namespace pswnet {

void log_request(log_format format, const request_context& ctx, int status, double seconds)
{
    std::string principal = ctx.principal ? "user:" + std::to_string(ctx.principal->user_id) : "anonymous";
    auto method = http::to_string(ctx.request.method());
    auto target = ctx.request.target();
    auto path = target.substr(0, target.find('?'));
    double ms = seconds * 1000.0;
    if (format == log_format::json) {
        http_json::json line{{"event", "request"},     {"request_id", ctx.request_id},
                             {"principal", principal}, {"method", method},
                             {"route", ctx.route},     {"path", path},
                             {"status", status},       {"duration_ms", ms},
                             {"client", ctx.client_address}};
        spdlog::info("{}", line.dump(-1, ' ', false, http_json::json::error_handler_t::replace));
        return;
    }
    spdlog::info("request id={} principal={} {} {} route={} status={} duration_ms={:.2f} client={}", ctx.request_id,
                 principal, method, path, ctx.route, status, ms, ctx.client_address);
}

} // namespace pswnet
