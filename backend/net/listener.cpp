// The accept loop. Each connection gets a strand of its own.
#include "net/listener.hpp"

#include "net/http_session.hpp"

#include <spdlog/spdlog.h>

namespace pswnet {

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
    net::co_spawn(acceptor_.get_executor(), [self = shared_from_this()] { return self->accept_loop(); },
                  net::detached);
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
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(net::make_strand(io_), net::as_tuple(net::use_awaitable));
        if (ec == net::error::operation_aborted || !acceptor_.is_open())
            break;
        if (ec) {
            // Out of file descriptors and the like: say so, and keep accepting.
            spdlog::warn("accept failed: {}", ec.message());
            continue;
        }
        if (state_.stopping())
            break;
        beast::error_code nodelay_ec;
        socket.set_option(tcp::no_delay(true), nodelay_ec);
        std::make_shared<http_session>(std::move(socket), state_)->start();
    }
}

} // namespace pswnet
