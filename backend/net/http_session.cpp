// The HTTP connection loop. Timeouts: keep_alive_timeout while idle between requests, request_timeout from the
// first byte of a request to its last (so a client trickling bytes is cut off), and again for writing.
#include "net/http_session.hpp"

#include "core/sizes.hpp"

#include "net/dispatch.hpp"
#include "net/responses.hpp"
#include "net/websocket_session.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>

namespace pswnet {
namespace {

constexpr std::size_t header_limit = 16 * kib;
// Lingering close: at most this long, this many bytes, and this long without a byte.
constexpr auto linger_time = std::chrono::seconds(5);
constexpr std::size_t linger_bytes = 32 * mib;
constexpr auto linger_quiet = std::chrono::seconds(1);
constexpr auto tuple_awaitable = net::as_tuple(net::use_awaitable);

bool is_quiet(const beast::error_code& ec)
{
    return ec == net::error::operation_aborted || ec == beast::error::timeout || ec == http::error::end_of_stream ||
           ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == http::error::partial_message;
}

} // namespace

http_session::http_session(tcp::socket socket, server_state& state, connection_slot slot)
    : stream_(std::move(socket)), state_(state), slot_(std::move(slot)), client_address_(slot_.address())
{
}

void http_session::start()
{
    state_.track(shared_from_this());
    net::co_spawn(
        stream_.get_executor(), [self = shared_from_this()]() { return self->run(); },
        [self = shared_from_this()](std::exception_ptr failure) {
            if (failure) {
                try {
                    std::rethrow_exception(failure);
                } catch (const std::exception& e) {
                    spdlog::error("connection from {} failed: {}", self->client_address_, e.what());
                }
            }
            self->state_.untrack(self.get());
        });
}

void http_session::shutdown()
{
    // Runs on the connection's strand, so it never races the loop: an idle connection is closed at once, a busy
    // one finishes its request and then sees stopping().
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        if (self->idle_ && !self->upgraded_)
            self->stream_.cancel();
    });
}

awaitable<void> http_session::run()
{
    while (!state_.stopping() && co_await serve_one()) {}
    if (!upgraded_) {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
}

awaitable<void> http_session::write_error_and_close(const api_error& error)
{
    request req;
    req.version(11);
    co_await respond_and_close(problem_response(req, error, request_id_for(req)), req);
}

awaitable<void> http_session::respond_and_close(response res, const request& req)
{
    finish_response(res, req, false);
    stream_.expires_after(state_.config().request_timeout);
    auto [ec, written] = co_await http::async_write(stream_, res, tuple_awaitable);
    if (!ec)
        co_await linger();
}

// Closing while the client is still sending makes the kernel reset the connection, and the client loses the answer
// it has not read yet (fetch() reports a network error instead of 413). So, as nginx's lingering close does: stop
// writing, then read and discard what still comes, for a bounded time and size, before closing.
awaitable<void> http_session::linger()
{
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec)
        co_return;
    std::array<char, 16 * kib> discard{};
    std::size_t discarded = 0;
    auto deadline = std::chrono::steady_clock::now() + linger_time;
    while (discarded < linger_bytes) {
        auto left = deadline - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero())
            break;
        stream_.expires_after(std::min<std::chrono::steady_clock::duration>(left, linger_quiet));
        auto [read_ec, n] = co_await stream_.async_read_some(net::buffer(discard), tuple_awaitable);
        if (read_ec)
            break;
        discarded += n;
    }
}

awaitable<bool> http_session::serve_one()
{
    const auto& cfg = state_.config();
    if (buffer_.size() == 0) {
        idle_ = true;
        stream_.expires_after(cfg.keep_alive_timeout);
        auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(header_limit), tuple_awaitable);
        idle_ = false;
        if (ec)
            co_return false;
        buffer_.commit(n);
    }

    stream_.expires_after(cfg.request_timeout);
    http::request_parser<http::empty_body> header_parser;
    header_parser.header_limit(header_limit);
    header_parser.body_limit(boost::none); // checked below against the route's own limit
    auto [header_ec, header_bytes] = co_await http::async_read_header(stream_, buffer_, header_parser, tuple_awaitable);
    if (header_ec == http::error::header_limit) {
        co_await write_error_and_close(
            api_error(errc::headers_too_large, "The request headers are larger than 16 KiB."));
        co_return false;
    }
    if (header_ec) {
        if (!is_quiet(header_ec))
            co_await write_error_and_close(api_error(errc::bad_request, "The request is not valid HTTP/1.1."));
        co_return false;
    }

    // Everything up to the body is decided from the headers alone: nothing is read that will not be used.
    request head{http::request_header<>(header_parser.get().base())};
    auto target = head.target();
    auto match = state_.router().match(head.method(), target.substr(0, target.find('?')));
    auto length = header_parser.content_length();
    bool has_body = length ? *length > 0 : header_parser.chunked();
    std::size_t limit = match.route ? match.route->options.body_limit : default_body_limit;
    if (length && *length > limit) {
        co_await respond_and_close(refusal(state_, head, client_address_,
                                           api_error(errc::payload_too_large, "The body is " + std::to_string(*length) +
                                                                                  " bytes; the limit here is " +
                                                                                  std::to_string(limit) + " bytes.")),
                                   head);
        co_return false;
    }
    if (websocket::is_upgrade(head) && !has_body) {
        co_await upgrade(std::move(head));
        co_return false;
    }
    if (!match.route && has_body) {
        // 404, 405 or a static file: none of them reads a body, so the answer needs none.
        stream_.expires_never();
        co_await respond_and_close(co_await dispatch(state_, head, {client_address_, std::nullopt}), head);
        co_return false;
    }
    std::optional<caller> admitted;
    if (match.route) {
        std::optional<api_error> refused;
        try {
            admitted = co_await admit(state_, head, client_address_);
        } catch (const api_error& e) {
            refused = e;
        }
        if (refused) {
            co_await respond_and_close(refusal(state_, head, client_address_, *refused), head);
            co_return false;
        }
    }
    stream_.expires_after(cfg.request_timeout);
    if (beast::iequals(head[http::field::expect], "100-continue") && has_body) {
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        co_await http::async_write(stream_, go_on, tuple_awaitable);
    }

    http::request_parser<http::string_body> parser(std::move(header_parser));
    parser.body_limit(limit);
    auto [body_ec, body_bytes] = co_await http::async_read(stream_, buffer_, parser, tuple_awaitable);
    if (body_ec == http::error::body_limit) {
        co_await respond_and_close(
            refusal(state_, head, client_address_,
                    api_error(errc::payload_too_large, "The body is larger than " + std::to_string(limit) + " bytes.")),
            head);
        co_return false;
    }
    if (body_ec) {
        if (!is_quiet(body_ec))
            co_await write_error_and_close(api_error(errc::bad_request, "The request body could not be read."));
        co_return false;
    }

    request req = parser.release();
    stream_.expires_never();
    auto res = co_await dispatch(state_, req, {client_address_, std::move(admitted)});
    bool keep_alive = req.keep_alive() && !state_.stopping();
    finish_response(res, req, keep_alive);
    stream_.expires_after(cfg.request_timeout);
    auto [write_ec, written] = co_await http::async_write(stream_, res, tuple_awaitable);
    co_return !write_ec && keep_alive;
}

awaitable<void> http_session::upgrade(request req)
{
    request_context ctx{req,
                        request_id_for(req),
                        client_address_for(state_.config(), req, client_address_),
                        {},
                        false,
                        "/api/v1/ws",
                        {},
                        {},
                        {},
                        {}};
    ctx.origin = own_origin(state_.config(), req, &ctx.secure);
    std::optional<api_error> refusal;
    auto path = req.target().substr(0, req.target().find('?'));
    try {
        if (path != "/api/v1/ws")
            throw api_error(errc::not_found, "WebSockets are served at /api/v1/ws only.");
        auto origin = req[http::field::origin];
        if (!origin.empty() && origin != ctx.origin)
            throw api_error(errc::forbidden, "WebSocket connections from another site are refused.");
        co_await authenticate(state_, ctx);
        if (!ctx.principal)
            throw api_error(errc::unauthenticated, "Sign in before opening a WebSocket.");
        // Browsers always send Origin, so a cookie without one did not come from a page of ours; a bearer-token
        // client (a script, an integration) need not send one.
        if (origin.empty() && ctx.principal->credential == credential_kind::cookie)
            throw api_error(errc::forbidden, "Send the Origin header with a session cookie.");
    } catch (const api_error& e) {
        refusal = e;
    }
    if (refusal) {
        co_await write_error_and_close(*refusal);
        co_return;
    }
    upgraded_ = true;
    auto session = std::make_shared<websocket_session>(std::move(stream_), state_, std::move(*ctx.principal),
                                                       std::move(ctx.credential_token), std::move(slot_));
    session->start(std::move(req), std::move(buffer_));
}

} // namespace pswnet
