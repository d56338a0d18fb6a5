// What every connection of one server shares: configuration, routes, hooks into the capabilities, metrics,
// and the registry of open connections that graceful shutdown walks.
#pragma once

#include "core/config.hpp"
#include "core/net.hpp"
#include "core/principal.hpp"
#include "hot_reads/response_cache.hpp"
#include "net/hot_read_fills.hpp"
#include "net/json_body.hpp"
#include "net/request_metrics.hpp"
#include "net/router.hpp"
#include "net/static_files.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace pswnet {

class websocket_session;

// Something open that graceful shutdown must close: an HTTP connection or a WebSocket.
class connection {
public:
    virtual ~connection() = default;
    virtual void shutdown() = 0; // thread-safe
};

struct server_hooks {
    // A session token (from the cookie or a bearer header) -> the signed-in user, or nullopt.
    std::function<awaitable<std::optional<principal>>(std::string token)> authenticate;
    // Whether the session of a token is still valid, without counting as its use: open WebSockets ask it on a timer
    // (--session-recheck-seconds) and close when their session has expired.
    std::function<awaitable<bool>(std::string token)> still_signed_in;
    // A WebSocket message other than ping, already parsed; the capability answers through the session.
    std::function<void(const std::shared_ptr<websocket_session>&, const http_json::json&)> websocket_message;
    std::function<void(const std::shared_ptr<websocket_session>&)> websocket_opened;
    std::function<void(const websocket_session&)> websocket_closed;
};

class server_state;

// A place among the open connections, held from accept to close (across a WebSocket upgrade); given back when
// destroyed.
class connection_slot {
public:
    connection_slot(server_state& state, std::string address) : state_(&state), address_(std::move(address)) {}
    connection_slot(connection_slot&& other) noexcept
        : state_(std::exchange(other.state_, nullptr)), address_(std::move(other.address_))
    {
    }
    connection_slot& operator=(connection_slot&&) = delete;
    ~connection_slot();

    const std::string& address() const noexcept { return address_; }

private:
    server_state* state_;
    std::string address_;
};

class server_state {
public:
    server_state(const pswnet::config& config, const pswnet::router& router, const static_files* statics,
                 server_hooks hooks, request_metrics& metrics, hot_reads::response_cache* hot_reads = nullptr);

    const pswnet::config& config() const noexcept { return config_; }
    const pswnet::router& router() const noexcept { return router_; }
    const static_files* statics() const noexcept { return statics_; }
    const server_hooks& hooks() const noexcept { return hooks_; }
    request_metrics& metrics() noexcept { return metrics_; }
    // Answers kept in memory; null when the cache is off.
    hot_reads::response_cache* hot_reads() noexcept { return hot_reads_; }
    hot_read_fills& hot_read_fills_under_way() noexcept { return fills_; }

    void track(const std::shared_ptr<connection>& c);
    void untrack(const connection* c);

    // A slot for a new connection from `address`, or nullopt when the instance or that address is at its cap
    // (--max-connections, --max-connections-per-address; behind a trusted proxy every connection comes from the
    // proxy, which limits clients itself, so only the instance's cap applies).
    std::optional<connection_slot> take_slot(const std::string& address);

    bool stopping() const noexcept;
    // Marks the server stopping and asks every open connection to finish; drained runs once none is left.
    void begin_shutdown(std::function<void()> drained);
    std::size_t open_connections() const;

private:
    const pswnet::config& config_;
    const pswnet::router& router_;
    const static_files* statics_;
    server_hooks hooks_;
    request_metrics& metrics_;
    hot_reads::response_cache* hot_reads_;
    hot_read_fills fills_;

    mutable std::mutex mutex_;
    std::map<const connection*, std::weak_ptr<connection>> connections_;
    friend class connection_slot;
    void give_back(const std::string& address);
    std::size_t slots_taken_ = 0;
    std::map<std::string, std::size_t, std::less<>> slots_by_address_;
    bool stopping_ = false;
    std::function<void()> drained_;
};

} // namespace pswnet
