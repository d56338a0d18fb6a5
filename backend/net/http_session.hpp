// One HTTP/1.1 connection: reads requests with limits and timeouts, dispatches them, writes responses,
// keeps the connection alive, and hands WebSocket upgrades over to a websocket_session.
#pragma once

#include "core/net.hpp"
#include "net/server_state.hpp"

#include <memory>

namespace pswnet {

class http_session : public connection, public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket socket, server_state& state, connection_slot slot);

    void start();
    void shutdown() override;

private:
    awaitable<void> run();
    awaitable<bool> serve_one();
    awaitable<void> write_error_and_close(const api_error& error);
    awaitable<void> respond_and_close(response res, const request& req);
    awaitable<void> linger();
    awaitable<void> upgrade(request req);

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    server_state& state_;
    connection_slot slot_;
    std::string client_address_;
    bool idle_ = false;
    bool upgraded_ = false;
};

} // namespace pswnet
