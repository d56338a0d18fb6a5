// The HTTP connection loop. Timeouts: keep_alive_timeout while idle between requests, request_timeout from the
// first byte of a request to its last (so a client trickling bytes is cut off), and again for writing.
#include "net/http_session.hpp"

#include "net/dispatch.hpp"
#include "net/responses.hpp"
#include "net/websocket_session.hpp"

#include <spdlog/spdlog.h>

namespace pswnet {
namespace {

constexpr std::size_t header_limit = 16 * 1024;
constexpr auto tuple_awaitable = net::as_tuple(net::use_awaitable);

bool is_quiet(const beast::error_code& ec)
{
    return ec == net::error::operation_aborted || ec == beast::error::timeout || ec == http::error::end_of_stream ||
           ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == http::error::partial_message;
}

} // namespace

http_session::http_session(tcp::socket socket, server_state& state) : stream_(std::move(socket)), state_(state)
{
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    client_address_ = ec ? "unknown" : endpoint.address().to_string();
}

void http_session::start()
{
    state_.track(shared_from_this());
    net::co_spawn(stream_.get_executor(), [self = shared_from_this()]() { return self->run(); },
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
    while (!state_.stopping() && co_await serve_one()) {
    }
    if (!upgraded_) {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
}

awaitable<void> http_session::write_error_and_close(const api_error& error)
{
    request req;
    req.version(11);
    auto res = problem_response(req, error, request_id_for(req));
    finish_response(res, req, false);
    stream_.expires_after(state_.config().request_timeout);
    co_await http::async_write(stream_, res, tuple_awaitable);
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

    const auto& header = header_parser.get();
    auto target = header.target();
    auto match = state_.router().match(header.method(), target.substr(0, target.find('?')));
    std::size_t limit = match.route ? match.route->options.body_limit : default_body_limit;
    if (auto length = header_parser.content_length(); length && *length > limit) {
        co_await write_error_and_close(api_error(
            errc::payload_too_large, "The body is " + std::to_string(*length) + " bytes; the limit here is " +
                                         std::to_string(limit) + " bytes."));
        co_return false;
    }
    if (beast::iequals(header[http::field::expect], "100-continue")) {
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        co_await http::async_write(stream_, go_on, tuple_awaitable);
    }

    http::request_parser<http::string_body> parser(std::move(header_parser));
    parser.body_limit(limit);
    auto [body_ec, body_bytes] = co_await http::async_read(stream_, buffer_, parser, tuple_awaitable);
    if (body_ec == http::error::body_limit) {
        co_await write_error_and_close(
            api_error(errc::payload_too_large, "The body is larger than " + std::to_string(limit) + " bytes."));
        co_return false;
    }
    if (body_ec) {
        if (!is_quiet(body_ec))
            co_await write_error_and_close(api_error(errc::bad_request, "The request body could not be read."));
        co_return false;
    }

    request req = parser.release();
    if (websocket::is_upgrade(req)) {
        co_await upgrade(std::move(req));
        co_return false;
    }

    stream_.expires_never();
    auto res = co_await dispatch(state_, req, {client_address_});
    bool keep_alive = req.keep_alive() && !state_.stopping();
    finish_response(res, req, keep_alive);
    stream_.expires_after(cfg.request_timeout);
    auto [write_ec, written] = co_await http::async_write(stream_, res, tuple_awaitable);
    co_return !write_ec && keep_alive;
}

awaitable<void> http_session::upgrade(request req)
{
    request_context ctx{req, request_id_for(req), client_address_for(state_.config(), req, client_address_),
                        {}, false, "/api/v1/ws", {}, {}, {}, {}};
    ctx.origin = own_origin(state_.config(), req, &ctx.secure);
    std::optional<api_error> refusal;
    auto path = req.target().substr(0, req.target().find('?'));
    try {
        if (path != "/api/v1/ws")
            throw api_error(errc::not_found, "WebSockets are served at /api/v1/ws only.");
        if (req[http::field::origin] != ctx.origin)
            throw api_error(errc::forbidden, "WebSocket connections from another site are refused.");
        co_await authenticate(state_, ctx);
        if (!ctx.principal)
            throw api_error(errc::unauthenticated, "Sign in before opening a WebSocket.");
    } catch (const api_error& e) {
        refusal = e;
    }
    if (refusal) {
        co_await write_error_and_close(*refusal);
        co_return;
    }
    upgraded_ = true;
    auto session = std::make_shared<websocket_session>(std::move(stream_), state_, std::move(*ctx.principal));
    session->start(std::move(req), std::move(buffer_));
}

} // namespace pswnet
