// One WebSocket connection of a signed-in user: a read loop, and a single writer draining a bounded queue so a
// slow client can never make the server hold unbounded memory (it is closed and resumes from its last event id).
#pragma once

#include "core/sizes.hpp"

#include "core/net.hpp"
#include "core/principal.hpp"
#include "net/server_state.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace pswnet {

class websocket_session : public connection, public std::enable_shared_from_this<websocket_session> {
public:
    static constexpr std::size_t max_message_bytes = 64 * kib;
    static constexpr std::size_t max_queued_messages = 1024;
    static constexpr std::size_t max_queued_bytes = 4 * mib;

    websocket_session(beast::tcp_stream stream, server_state& state, pswnet::principal who, std::string token,
                      connection_slot slot);

    void start(request upgrade_request, beast::flat_buffer already_read);

    // Thread-safe. The message is shared and immutable so one event serialised once can go to many sessions.
    void send(std::shared_ptr<const std::string> message);
    void send_json(const http_json::json& message);

    // Thread-safe: close with 1001 (going away).
    void shutdown() override;
    // Thread-safe: close with a code and reason of the caller's choosing.
    void close(websocket::close_code code, std::string reason);

    const pswnet::principal& principal() const noexcept { return principal_; }
    auto executor() { return ws_.get_executor(); }

private:
    awaitable<void> run(request upgrade_request);
    // All on the strand: at most one write (or the close) in flight; the completion starts the next.
    void write_next();
    void close_soon(websocket::close_reason reason);
    void handle_message(const std::string& text);
    awaitable<void> recheck_session();

    websocket::stream<beast::tcp_stream> ws_;
    server_state& state_;
    connection_slot slot_;
    pswnet::principal principal_;
    std::string token_; // the session's, to re-check it
    net::steady_timer recheck_timer_;
    beast::flat_buffer read_buffer_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    std::shared_ptr<const std::string> in_flight_; // kept alive until its write completes
    std::size_t queued_bytes_ = 0;
    std::optional<websocket::close_reason> close_reason_;
    bool open_ = false;
    bool writing_ = false;
    bool closing_ = false;
};

} // namespace pswnet
