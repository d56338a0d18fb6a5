// Accepts TCP connections and starts an http_session for each; stops accepting on shutdown.
#pragma once

#include "core/net.hpp"
#include "net/server_state.hpp"

#include <memory>

namespace pswnet {

class listener : public std::enable_shared_from_this<listener> {
public:
    // Binds at once (so the port is known, and a busy port fails before anything else starts).
    listener(net::io_context& io, tcp::endpoint endpoint, server_state& state);

    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    void start();
    void stop(); // thread-safe

private:
    awaitable<void> accept_loop();

    net::io_context& io_;
    tcp::acceptor acceptor_;
    server_state& state_;
};

} // namespace pswnet
