// What every connection of one server shares: configuration, routes, hooks into the capabilities, metrics,
// and the registry of open connections that graceful shutdown walks.
#pragma once

#include "core/config.hpp"
#include "core/net.hpp"
#include "core/principal.hpp"
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
    // A WebSocket message other than ping, already parsed; the capability answers through the session.
    std::function<void(const std::shared_ptr<websocket_session>&, const http_json::json&)> websocket_message;
    std::function<void(const std::shared_ptr<websocket_session>&)> websocket_opened;
    std::function<void(const websocket_session&)> websocket_closed;
};

class server_state {
public:
    server_state(const pswnet::config& config, const pswnet::router& router, const static_files* statics,
                 server_hooks hooks, request_metrics& metrics);

    const pswnet::config& config() const noexcept { return config_; }
    const pswnet::router& router() const noexcept { return router_; }
    const static_files* statics() const noexcept { return statics_; }
    const server_hooks& hooks() const noexcept { return hooks_; }
    request_metrics& metrics() noexcept { return metrics_; }

    void track(const std::shared_ptr<connection>& c);
    void untrack(const connection* c);

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

    mutable std::mutex mutex_;
    std::map<const connection*, std::weak_ptr<connection>> connections_;
    bool stopping_ = false;
    std::function<void()> drained_;
};

} // namespace pswnet
