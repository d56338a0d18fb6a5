// The accept loop. Each connection gets a strand of its own.
#include "net/listener.hpp"

#include "net/http_session.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstring>

namespace pswnet {
namespace {

constexpr std::chrono::milliseconds min_accept_backoff{50};
constexpr std::chrono::milliseconds max_accept_backoff{1000};

// Over a cap: a short 503 that needs no parsing of the request, then close.
awaitable<void> refuse(tcp::socket socket)
{
    static const std::string body =
        R"({"type":"about:blank","title":"Too many connections","status":503,"detail":"Try again in a moment."})";
    static const std::string answer =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n"
        "Connection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(2));
    co_await net::async_write(stream, net::buffer(answer), net::as_tuple(net::use_awaitable));
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

} // namespace

listener::listener(net::io_context& io, tcp::endpoint endpoint, server_state& state)
    : io_(io), acceptor_(net::make_strand(io)), state_(state)
{
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void listener::start()
{
    net::co_spawn(
        acceptor_.get_executor(), [self = shared_from_this()] { return self->accept_loop(); }, net::detached);
}

void listener::stop()
{
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->acceptor_.close(ec);
    });
}

awaitable<void> listener::accept_loop()
{
    auto backoff = min_accept_backoff;
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(net::make_strand(io_), net::as_tuple(net::use_awaitable));
        if (ec == net::error::operation_aborted || !acceptor_.is_open())
            break;
        if (ec) {
            // Out of file descriptors (EMFILE, ENFILE) and the like: the pending connection stays in the backlog, so
            // accepting again at once would fail again at once. Wait, longer each time it goes on, then retry.
            // No virtual call to an error_category here: out of descriptors, UBSan cannot check its vptr.
            const char* reason = strerrordesc_np(ec.value());
            spdlog::warn("accept failed: {} (errno {}); retrying in {} ms", reason ? reason : "unknown error",
                         ec.value(), backoff.count());
            net::steady_timer pause(acceptor_.get_executor(), backoff);
            co_await pause.async_wait(net::as_tuple(net::use_awaitable));
            backoff = std::min(backoff * 2, max_accept_backoff);
            continue;
        }
        backoff = min_accept_backoff;
        if (state_.stopping())
            break;
        beast::error_code nodelay_ec;
        socket.set_option(tcp::no_delay(true), nodelay_ec);
        beast::error_code peer_ec;
        auto peer = socket.remote_endpoint(peer_ec);
        auto address = peer_ec ? std::string("unknown") : peer.address().to_string();
        if (auto slot = state_.take_slot(address))
            std::make_shared<http_session>(std::move(socket), state_, std::move(*slot))->start();
        else {
            auto executor = socket.get_executor(); // before the move: argument order is unspecified
            net::co_spawn(executor, refuse(std::move(socket)), net::detached);
        }
    }
}

} // namespace pswnet
