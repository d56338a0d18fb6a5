// Which WebSocket session listens to which channel, and fan-out of events to them: the subscriber list is copied
// under the lock and sent outside it, and each event is serialised once into a shared immutable buffer.
//
// Delivery runs on the I/O threads, in lanes: each session belongs to one lane, a strand of the server's
// io_context, and an event reaches a lane's sessions in chunks posted to it in the order the events were published,
// so that each session receives events in order. On an I/O thread a session's send runs at once (its own strand is
// free), so a message costs one handler per chunk rather than one per subscriber handed over from the listener's
// thread.
#pragma once

#include "core/net.hpp"
#include "net/websocket_session.hpp"
#include "realtime/event.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace pswnet::realtime {

class hub {
public:
    static constexpr std::size_t max_channels_per_session = 200;
    static constexpr std::size_t max_held_events = 1000;
    // Sessions sent to by one handler: a large fan-out leaves room between its chunks for other work.
    static constexpr std::size_t delivery_chunk = 256;

    // While it lives, events are delivered on lanes strands of io. Made once before serving: after io, whose strands
    // must go before it does, and before the listener, which publishes until it stops.
    class delivery {
    public:
        delivery(hub& target, net::io_context::executor_type io, std::size_t lanes);
        ~delivery();
        delivery(const delivery&) = delete;
        delivery& operator=(const delivery&) = delete;

    private:
        hub& hub_;
    };

    void add_session(const std::shared_ptr<websocket_session>& session);
    void remove_session(const websocket_session& session);

    // What a replay must send: the events up to up_to (the last one published so far; the live ones come after),
    // except, on a channel the connection already had (its own user channel always), those it has had live.
    struct replay_window {
        std::int64_t up_to = 0;
        std::map<std::string, std::int64_t> live_after; // channel -> the last id before it went live
    };

    // Subscribes and starts holding live events back until end_replay.
    replay_window begin_replay(const std::shared_ptr<websocket_session>& session,
                               const std::vector<std::string>& channels);
    // Sends what was held back during the replay (newer than replayed_up_to) and goes live.
    void end_replay(const websocket_session& session, std::int64_t replayed_up_to);

    void subscribe(const std::shared_ptr<websocket_session>& session, const std::vector<std::string>& channels);
    void unsubscribe(const websocket_session& session, const std::vector<std::string>& channels);
    std::size_t channel_count(const websocket_session& session) const;

    // This instance's connections of a person (of everyone, without one), each with the channels it listens to but
    // its own user channel.
    struct subscription_list {
        std::shared_ptr<websocket_session> session;
        std::vector<std::string> channels;
    };
    std::vector<subscription_list> subscriptions(std::optional<std::int64_t> user_id) const;

    // Closes this instance's sockets of a session (signed out) or of every session of a user (disabled).
    void close_revoked(std::int64_t user_id, std::optional<std::int64_t> session_id);

    // Called by the listener, in increasing id order. Events of the server's own channels (system:...) go to the
    // system handler, never to a WebSocket.
    void publish(const event& e);

    // Told of every system:... event, on the listener's thread. Set once, before serving.
    void on_system_event(std::function<void(const event&)> handler) { system_handler_ = std::move(handler); }
    // Told of every event, on the listener's thread, before any WebSocket is: a client that reads again when told
    // of a change must find it. Set once, before serving.
    void before_delivery(std::function<void(const event&)> observer) { observer_ = std::move(observer); }
    std::int64_t last_published_id() const;
    void start_from(std::int64_t id);

private:
    struct held_event {
        std::int64_t id;
        std::shared_ptr<const std::string> message;
    };
    struct session_state {
        std::weak_ptr<websocket_session> session;
        std::map<std::string, std::int64_t> channels; // each with the last id published before it went live
        int replays = 0;                              // replays in progress; live events are held while > 0
        std::vector<held_event> held;
        std::size_t lane = 0;
    };

    void add_channels(session_state& state, const std::shared_ptr<websocket_session>& session,
                      const std::vector<std::string>& channels);

    void deliver(std::size_t lane, std::vector<std::shared_ptr<websocket_session>> targets,
                 const std::shared_ptr<const std::string>& message);

    std::vector<net::strand<net::io_context::executor_type>> lanes_;
    std::size_t next_lane_ = 0;
    mutable std::mutex mutex_;
    std::unordered_map<const websocket_session*, session_state> sessions_;
    std::unordered_map<std::string, std::set<const websocket_session*>> channels_;
    std::int64_t last_published_id_ = 0;
    std::function<void(const event&)> system_handler_;
    std::function<void(const event&)> observer_;
};

} // namespace pswnet::realtime
