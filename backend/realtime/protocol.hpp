// The WebSocket protocol of DESIGN.md: subscribe (with replay since an event id), unsubscribe; ping is answered
// by the transport. Hooked into the server through server_hooks.
#pragma once

#include "db/pool.hpp"
#include "net/server_state.hpp"
#include "realtime/channel_policy.hpp"
#include "realtime/hub.hpp"

#include <deque>
#include <map>
#include <mutex>

namespace pswnet::realtime {

class protocol {
public:
    static constexpr std::size_t max_channels_per_message = 50;
    static constexpr std::size_t max_replayed_events = 5000;

    protocol(hub& hub, const channel_policy& policy, db::pool& pool);

    void opened(const std::shared_ptr<websocket_session>& session);
    void closed(const websocket_session& session);
    void message(const std::shared_ptr<websocket_session>& session, const http_json::json& message);

    // Asks the channel rules again of a person's connections (of everyone's, without one) and unsubscribes each from
    // the channels it may no longer read, telling it with an `unsubscribed` message.
    void recheck(std::optional<std::int64_t> user_id);

    // Installs this protocol's hooks.
    void install(server_hooks& hooks);

private:
    awaitable<void> recheck(std::shared_ptr<websocket_session> session, std::vector<std::string> channels);
    awaitable<void> subscribe(std::shared_ptr<websocket_session> session, std::vector<std::string> channels,
                              std::optional<std::int64_t> since);

    hub& hub_;
    const channel_policy& policy_;
    db::pool& pool_;
    // A subscribe or unsubscribe, queued per connection so that each is done in the order it was sent: an
    // unsubscribe must not overtake a subscribe still waiting on its database rule.
    struct channel_request {
        std::vector<std::string> channels;
        std::optional<std::int64_t> since;
        bool unsubscribe = false;
    };
    static constexpr std::size_t max_waiting_subscribes = 8;

    void start_next(const std::shared_ptr<websocket_session>& session);
    void finished(const std::shared_ptr<websocket_session>& session); // the request at the front is done

    // Subscribes run one at a time per connection, the others wait (a few at most), so no client can make the
    // server queue database work without bound.
    std::mutex subscribing_mutex_;
    std::map<const websocket_session*, std::deque<channel_request>> subscribing_;
};

} // namespace pswnet::realtime
