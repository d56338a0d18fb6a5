// Subscribing: check each channel with its capability's policy, then either go live at once or replay what was
// missed since the client's last event id, holding live events back until the replay is sent.
#include "realtime/protocol.hpp"

#include "db/statement.hpp"

#include <spdlog/spdlog.h>

namespace pswnet::realtime {
namespace {

const db::statement oldest_event{"realtime.oldest_event", "SELECT min(id) FROM events"};

const db::statement missed_events{"realtime.missed_events", R"sql(
SELECT id, channel, type, payload::text
FROM events
WHERE channel = ANY(string_to_array($1, ',')) AND id > $2 AND id <= $3
ORDER BY id
LIMIT $4)sql"};

http_json::json error_message(std::string_view title, std::string_view detail)
{
    return {{"type", "error"}, {"title", title}, {"detail", detail}};
}

std::string joined(const std::vector<std::string>& channels)
{
    std::string text;
    for (const auto& c : channels)
        text += (text.empty() ? "" : ",") + c;
    return text;
}

} // namespace

protocol::protocol(hub& hub, const channel_policy& policy, db::pool& pool) : hub_(hub), policy_(policy), pool_(pool)
{
}

void protocol::install(server_hooks& hooks)
{
    hooks.websocket_opened = [this](const std::shared_ptr<websocket_session>& s) { opened(s); };
    hooks.websocket_closed = [this](const websocket_session& s) { closed(s); };
    hooks.websocket_message = [this](const std::shared_ptr<websocket_session>& s, const http_json::json& m) {
        message(s, m);
    };
}

void protocol::opened(const std::shared_ptr<websocket_session>& session)
{
    hub_.add_session(session);
}

void protocol::closed(const websocket_session& session)
{
    hub_.remove_session(session);
    std::lock_guard lock(subscribing_mutex_);
    subscribing_.erase(&session);
}

void protocol::message(const std::shared_ptr<websocket_session>& session, const http_json::json& message)
{
    const auto& type = message["type"].get_ref<const std::string&>();
    if (type != "subscribe" && type != "unsubscribe") {
        session->send_json(error_message("Unknown message type", "Send subscribe, unsubscribe or ping."));
        return;
    }
    auto channels_field = message.find("channels");
    if (channels_field == message.end() || !channels_field->is_array() || channels_field->empty() ||
        channels_field->size() > max_channels_per_message) {
        session->send_json(error_message("Channels are missing",
                                         "Send \"channels\": a list of 1 to 50 channel names, like \"thread:42\"."));
        return;
    }
    std::vector<std::string> channels;
    for (const auto& c : *channels_field) {
        if (!c.is_string() || !channel_policy::well_formed(c.get<std::string>())) {
            session->send_json(error_message("Unknown channel", "Channel names look like \"thread:42\"."));
            return;
        }
        channels.push_back(c.get<std::string>());
    }
    std::optional<std::int64_t> since;
    if (auto s = message.find("since"); type == "subscribe" && s != message.end() && !s->is_null()) {
        if (!s->is_number_integer() || s->get<std::int64_t>() < 0) {
            session->send_json(error_message("Bad since", "\"since\" is the id of the last event you received."));
            return;
        }
        since = s->get<std::int64_t>();
    }
    {
        std::lock_guard lock(subscribing_mutex_);
        auto& waiting = subscribing_[session.get()];
        if (waiting.size() > max_waiting_subscribes) {
            session->send_json(error_message("Too many subscriptions at once",
                                             "Wait for the answers to your earlier subscribe messages."));
            return;
        }
        waiting.push_back({std::move(channels), since, type == "unsubscribe"});
        if (waiting.size() > 1)
            return; // runs when the one in progress is done
    }
    start_next(session);
}

void protocol::start_next(const std::shared_ptr<websocket_session>& session)
{
    channel_request next;
    {
        std::lock_guard lock(subscribing_mutex_);
        auto it = subscribing_.find(session.get());
        if (it == subscribing_.end() || it->second.empty())
            return;
        next = it->second.front();
    }
    if (next.unsubscribe) {
        hub_.unsubscribe(*session, next.channels);
        session->send_json({{"type", "unsubscribed"}, {"channels", next.channels}});
        finished(session);
        return;
    }
    net::co_spawn(session->executor(), subscribe(session, std::move(next.channels), next.since),
                  [this, session](std::exception_ptr failure) {
                      if (failure) {
                          try {
                              std::rethrow_exception(failure);
                          } catch (const api_error& e) {
                              session->send_json(error_message("Could not subscribe", e.detail()));
                          } catch (const std::exception& e) {
                              spdlog::error("subscribe failed: {}", e.what());
                              session->send_json(
                                  error_message("Could not subscribe", "Something went wrong on our side."));
                          }
                      }
                      finished(session);
                  });
}

void protocol::recheck(std::optional<std::int64_t> user_id)
{
    for (auto& [session, channels] : hub_.subscriptions(user_id))
        if (!channels.empty())
            net::co_spawn(session->executor(), recheck(session, std::move(channels)), [](std::exception_ptr failure) {
                if (!failure)
                    return;
                try {
                    std::rethrow_exception(failure);
                } catch (const std::exception& e) {
                    spdlog::error("re-checking channels failed: {}", e.what());
                }
            });
}

awaitable<void> protocol::recheck(std::shared_ptr<websocket_session> session, std::vector<std::string> channels)
{
    std::vector<std::string> refused;
    for (auto& channel : channels)
        if (!co_await policy_.may_subscribe(session->principal(), channel))
            refused.push_back(std::move(channel));
    if (refused.empty())
        co_return;
    hub_.unsubscribe(*session, refused);
    session->send_json({{"type", "unsubscribed"}, {"channels", refused}});
}

void protocol::finished(const std::shared_ptr<websocket_session>& session)
{
    bool more = false;
    {
        std::lock_guard lock(subscribing_mutex_);
        auto it = subscribing_.find(session.get());
        if (it != subscribing_.end()) {
            it->second.pop_front();
            more = !it->second.empty();
            if (!more)
                subscribing_.erase(it);
        }
    }
    if (more)
        start_next(session);
}

awaitable<void> protocol::subscribe(std::shared_ptr<websocket_session> session, std::vector<std::string> channels,
                                    std::optional<std::int64_t> since)
{
    for (const auto& channel : channels) {
        if (!co_await policy_.may_subscribe(session->principal(), channel)) {
            session->send_json(error_message("Not allowed", "You cannot subscribe to " + channel + "."));
            co_return;
        }
    }
    if (hub_.channel_count(*session) + channels.size() > hub::max_channels_per_session) {
        session->send_json(error_message("Too many channels", "A connection may listen to 200 channels at most."));
        co_return;
    }
    if (!since) {
        hub_.subscribe(session, channels);
        session->send_json({{"type", "subscribed"}, {"channels", channels}, {"reload", false}});
        co_return;
    }

    auto window = hub_.begin_replay(session, channels);
    auto up_to = window.up_to;
    struct replay {
        bool too_old = false;
        std::vector<event> events;
    };
    auto query = pool_.read([since = *since, up_to, list = joined(channels)](pqxx::read_transaction& tx) {
        replay r;
        auto oldest = db::exec(tx, oldest_event).at(0)[0];
        // Events older than the retention period are gone: the client must reload instead of replaying.
        r.too_old = !oldest.is_null() && since < oldest.as<std::int64_t>() - 1; // since + 1 overflows at INT64_MAX
        if (r.too_old)
            return r;
        for (const auto& row : db::exec(tx, missed_events, list, since, up_to, max_replayed_events + 1))
            r.events.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                                row[3].as<std::string>()});
        r.too_old = r.events.size() > max_replayed_events;
        return r;
    });
    replay missed;
    try {
        missed = co_await std::move(query);
    } catch (...) {
        hub_.end_replay(*session, up_to);
        throw;
    }
    // Events of a channel the connection already had went out live: sending them again would repeat them.
    std::erase_if(missed.events, [&](const event& e) {
        auto live = window.live_after.find(e.channel);
        return live != window.live_after.end() && e.id > live->second;
    });
    session->send_json({{"type", "subscribed"}, {"channels", channels}, {"reload", missed.too_old}});
    if (!missed.too_old)
        for (const auto& e : missed.events)
            session->send(std::make_shared<const std::string>(event_message(e)));
    hub_.end_replay(*session, up_to);
}

} // namespace pswnet::realtime
