// Request dispatch: every request passes through here exactly once.
#include "net/dispatch.hpp"

#include "core/crypto.hpp"
#include "net/access_log.hpp"
#include "net/hot_read_answers.hpp"
#include "net/responses.hpp"
#include "net/session_cookie.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace pswnet {
namespace {

bool is_safe(http::verb method)
{
    return method == http::verb::get || method == http::verb::head || method == http::verb::options;
}

bool sane_request_id(std::string_view id)
{
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

std::string new_request_id()
{
    // No thread_local generator: this runs inside coroutines, which may resume on another thread.
    return crypto::random_token().substr(0, 16);
}

std::pair<std::string_view, std::string_view> split_target(std::string_view target)
{
    auto question = target.find('?');
    if (question == std::string_view::npos)
        return {target, {}};
    return {target.substr(0, question), target.substr(question + 1)};
}

awaitable<response> route_request(server_state& state, request_context& ctx, std::string_view path,
                                  std::string_view query, const std::optional<caller>& admitted)
{
    const auto& req = ctx.request;
    auto match = state.router().match(req.method(), path);
    if (match.route) {
        ctx.route = match.route->path;
        ctx.path_params = std::move(match.params);
        ctx.query = parse_query(query);
        if (admitted) {
            ctx.principal = admitted->principal;
            ctx.credential_token = admitted->token;
        } else {
            co_await authenticate(state, ctx);
        }
        const auto& options = match.route->options;
        check_origin_and_csrf(ctx, options);
        auto* cache = state.hot_reads();
        if (cache && options.cached_in != hot_reads::nothing && req.method() == http::verb::get && ctx.principal)
            co_return co_await answer_from_memory(*cache, state.hot_read_fills_under_way(), ctx, *match.route);
        if (!cache)
            co_return co_await match.route->handler(ctx);
        // A write drops the answers it may have changed before it responds (and if it fails part-way), so that no
        // request on this instance after its response is answered from before it.
        auto changes = is_safe(req.method()) ? hot_reads::nothing : options.changes;
        try {
            auto res = co_await match.route->handler(ctx);
            cache->invalidate(changes | ctx.changed);
            co_return res;
        } catch (...) {
            cache->invalidate(changes | ctx.changed);
            throw;
        }
    }
    if (!match.allow.empty()) {
        ctx.route = "unmatched";
        api_error e(errc::method_not_allowed,
                    std::string(http::to_string(req.method())) + " is not allowed here. Allowed: " + match.allow + ".");
        e.allow = match.allow;
        throw e;
    }
    bool api = path.rfind("/api/", 0) == 0;
    if (!api && state.statics() && (req.method() == http::verb::get || req.method() == http::verb::head)) {
        ctx.route = "static";
        if (auto res = state.statics()->serve(req, path))
            co_return std::move(*res);
    }
    ctx.route = "unmatched";
    throw api_error(errc::not_found, "There is nothing at " + std::string(path) + ".");
}

} // namespace

std::string client_address_for(const config& cfg, const request& req, const std::string& peer)
{
    if (!cfg.trust_proxy)
        return peer;
    auto forwarded = req["X-Forwarded-For"];
    auto comma = forwarded.rfind(',');
    auto last = comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
    while (!last.empty() && last.front() == ' ')
        last.remove_prefix(1);
    while (!last.empty() && last.back() == ' ')
        last.remove_suffix(1);
    if (last.empty() || last.size() > 45)
        return peer;
    return std::string(last);
}

std::string request_id_for(const request& req)
{
    auto given = req["X-Request-Id"];
    return sane_request_id(given) ? std::string(given) : new_request_id();
}

std::string own_origin(const config& cfg, const request& req, bool* secure)
{
    if (!cfg.public_origin.empty()) {
        if (secure)
            *secure = cfg.public_origin.rfind("https://", 0) == 0;
        return cfg.public_origin;
    }
    bool tls = cfg.trust_proxy && beast::iequals(req["X-Forwarded-Proto"], "https");
    if (secure)
        *secure = tls;
    return std::string(tls ? "https://" : "http://") + std::string(req[http::field::host]);
}

awaitable<void> authenticate(server_state& state, request_context& ctx)
{
    auto credential = session_credential(ctx.request);
    if (!credential || !state.hooks().authenticate)
        co_return;
    if (auto who = co_await state.hooks().authenticate(credential->token)) {
        who->credential = credential->kind;
        ctx.principal = std::move(*who);
        ctx.credential_token = std::move(credential->token);
    }
}

void check_origin_and_csrf(const request_context& ctx, const route_options& options)
{
    if (is_safe(ctx.request.method()))
        return;
    auto origin = ctx.request[http::field::origin];
    if (!origin.empty() && origin != ctx.origin)
        throw api_error(errc::forbidden, "Requests from another site are refused.");
    if (options.csrf_exempt || !ctx.principal || ctx.principal->credential != credential_kind::cookie)
        return;
    auto sent = ctx.request["X-CSRF-Token"];
    if (sent.empty())
        throw api_error(errc::csrf_failed, "The X-CSRF-Token header is missing.");
    if (!crypto::constant_time_equal(sent, csrf_token_for(ctx.credential_token)))
        throw api_error(errc::csrf_failed, "The X-CSRF-Token header does not match this session.");
}

awaitable<caller> admit(server_state& state, const request& head, const std::string& client_address)
{
    request_context ctx{
        head, request_id_for(head), client_address_for(state.config(), head, client_address), {}, false, {}, {}, {}, {},
        {}};
    ctx.origin = own_origin(state.config(), head, &ctx.secure);
    auto [path, query] = split_target(head.target());
    auto match = state.router().match(head.method(), path);
    if (!match.route)
        co_return caller{};
    ctx.route = match.route->path;
    ctx.path_params = std::move(match.params);
    ctx.query = parse_query(query);
    co_await authenticate(state, ctx);
    const auto& options = match.route->options;
    check_origin_and_csrf(ctx, options);
    if (!is_safe(head.method()) && !options.csrf_exempt)
        ctx.signed_in();
    if (options.admit)
        co_await options.admit(ctx);
    co_return caller{std::move(ctx.principal), std::move(ctx.credential_token)};
}

response refusal(server_state& state, const request& head, const std::string& client_address, const api_error& error)
{
    request_context ctx{
        head, request_id_for(head), client_address_for(state.config(), head, client_address), {}, false, {}, {}, {}, {},
        {}};
    auto [path, query] = split_target(head.target());
    auto match = state.router().match(head.method(), path);
    ctx.route = match.route ? match.route->path : "unmatched";
    auto res = problem_response(head, error, ctx.request_id);
    res.set("X-Request-Id", ctx.request_id);
    int status = static_cast<int>(res.result_int());
    state.metrics().observe(std::string(http::to_string(head.method())), ctx.route, status, 0.0);
    log_request(state.config().log_format, ctx, status, 0.0);
    return res;
}

awaitable<response> dispatch(server_state& state, const request& req, const client_info& client)
{
    auto started = std::chrono::steady_clock::now();
    request_context ctx{
        req, request_id_for(req), client_address_for(state.config(), req, client.address), {}, false, {}, {}, {}, {},
        {}};
    ctx.origin = own_origin(state.config(), req, &ctx.secure);
    auto [path, query] = split_target(req.target());

    response res;
    std::optional<api_error> failure;
    try {
        res = co_await route_request(state, ctx, path, query, client.admitted);
    } catch (const api_error& e) {
        failure = e;
    } catch (const std::exception& e) {
        spdlog::error("request {} failed: {}", ctx.request_id, e.what());
        failure =
            api_error(errc::internal, "Something went wrong on our side. Quote the request id if you contact us.");
    }
    if (failure) {
        res = problem_response(req, *failure, ctx.request_id);
        if (problem_for(failure->code()).status >= 500)
            spdlog::error("request {} {} {}: {}", ctx.request_id, http::to_string(req.method()), ctx.route,
                          failure->detail());
    }
    res.set("X-Request-Id", ctx.request_id);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    int status = static_cast<int>(res.result_int());
    state.metrics().observe(std::string(http::to_string(req.method())), ctx.route, status, seconds);
    log_request(state.config().log_format, ctx, status, seconds);
    co_return res;
}

} // namespace pswnet
