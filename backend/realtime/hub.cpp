// Subscriptions and fan-out.
#include "realtime/hub.hpp"

#include "realtime/event_log.hpp"

#include <algorithm>
#include <iterator>
#include <span>
#include <stdexcept>

namespace pswnet::realtime {

std::string event_message(const event& e)
{
    nlohmann::json head{{"type", "event"}, {"id", e.id}, {"channel", e.channel}, {"event", e.type}};
    auto text = head.dump();
    text.pop_back(); // splice the stored payload in as it is, without parsing it again
    text += ",\"data\":" + e.payload_json + "}";
    return text;
}

hub::delivery::delivery(hub& target, net::io_context::executor_type io, std::size_t lanes) : hub_(target)
{
    for (std::size_t i = 0; i < std::max<std::size_t>(lanes, 1); ++i)
        hub_.lanes_.push_back(net::make_strand(io));
}

hub::delivery::~delivery()
{
    hub_.lanes_.clear();
}

void hub::add_session(const std::shared_ptr<websocket_session>& session)
{
    if (lanes_.empty())
        throw std::logic_error("no hub::delivery was made before a session was added");
    std::lock_guard lock(mutex_);
    auto& state = sessions_[session.get()];
    state.session = session;
    state.lane = next_lane_++ % lanes_.size();
    add_channels(state, session, {"user:" + std::to_string(session->principal().user_id)});
}

void hub::remove_session(const websocket_session& session)
{
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(&session);
    if (it == sessions_.end())
        return;
    for (const auto& [channel, live_after] : it->second.channels) {
        auto subscribers = channels_.find(channel);
        if (subscribers == channels_.end())
            continue;
        subscribers->second.erase(&session);
        if (subscribers->second.empty())
            channels_.erase(subscribers);
    }
    sessions_.erase(it);
}

void hub::add_channels(session_state& state, const std::shared_ptr<websocket_session>& session,
                       const std::vector<std::string>& channels)
{
    for (const auto& channel : channels)
        if (state.channels.emplace(channel, last_published_id_).second)
            channels_[channel].insert(session.get());
}

void hub::subscribe(const std::shared_ptr<websocket_session>& session, const std::vector<std::string>& channels)
{
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(session.get());
    if (it != sessions_.end())
        add_channels(it->second, session, channels);
}

hub::replay_window hub::begin_replay(const std::shared_ptr<websocket_session>& session,
                                     const std::vector<std::string>& channels)
{
    std::lock_guard lock(mutex_);
    replay_window window{last_published_id_, {}};
    auto it = sessions_.find(session.get());
    if (it != sessions_.end()) {
        for (const auto& channel : channels)
            if (auto had = it->second.channels.find(channel); had != it->second.channels.end())
                window.live_after.emplace(channel, had->second);
        ++it->second.replays;
        add_channels(it->second, session, channels);
    }
    return window;
}

void hub::end_replay(const websocket_session& session, std::int64_t replayed_up_to)
{
    std::vector<held_event> held;
    std::shared_ptr<websocket_session> target;
    {
        std::lock_guard lock(mutex_);
        auto it = sessions_.find(&session);
        if (it == sessions_.end())
            return;
        if (--it->second.replays > 0)
            return; // another replay is still running: it will flush
        held = std::move(it->second.held);
        it->second.held.clear();
        target = it->second.session.lock();
    }
    if (!target)
        return;
    for (auto& h : held)
        if (h.id > replayed_up_to)
            target->send(std::move(h.message));
}

void hub::unsubscribe(const websocket_session& session, const std::vector<std::string>& channels)
{
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(&session);
    if (it == sessions_.end())
        return;
    for (const auto& channel : channels) {
        if (channel == "user:" + std::to_string(session.principal().user_id))
            continue; // the own channel stays
        if (it->second.channels.erase(channel) == 0)
            continue;
        auto subscribers = channels_.find(channel);
        if (subscribers != channels_.end()) {
            subscribers->second.erase(&session);
            if (subscribers->second.empty())
                channels_.erase(subscribers);
        }
    }
}

std::size_t hub::channel_count(const websocket_session& session) const
{
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(&session);
    return it == sessions_.end() ? 0 : it->second.channels.size();
}

std::vector<hub::subscription_list> hub::subscriptions(std::optional<std::int64_t> user_id) const
{
    std::vector<subscription_list> found;
    std::lock_guard lock(mutex_);
    for (const auto& [key, state] : sessions_) {
        const auto& who = key->principal();
        if (user_id && who.user_id != *user_id)
            continue;
        auto session = state.session.lock();
        if (!session)
            continue;
        subscription_list list{std::move(session), {}};
        const auto own = "user:" + std::to_string(who.user_id);
        for (const auto& [channel, live_after] : state.channels)
            if (channel != own)
                list.channels.push_back(channel);
        found.push_back(std::move(list));
    }
    return found;
}

void hub::close_revoked(std::int64_t user_id, std::optional<std::int64_t> session_id)
{
    std::vector<std::shared_ptr<websocket_session>> targets;
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, state] : sessions_) {
            const auto& who = key->principal();
            if (who.user_id == user_id && (!session_id || who.session_id == *session_id))
                if (auto session = state.session.lock())
                    targets.push_back(std::move(session));
        }
    }
    for (const auto& session : targets)
        session->close(websocket::close_code::policy_error, "Your session has ended; sign in again");
}

void hub::publish(const event& e)
{
    if (observer_)
        observer_(e);
    if (e.channel.starts_with(system_channel_prefix)) {
        {
            std::lock_guard lock(mutex_);
            last_published_id_ = std::max(last_published_id_, e.id);
        }
        if (system_handler_)
            system_handler_(e);
        return;
    }
    auto message = std::make_shared<const std::string>(event_message(e));
    std::vector<std::vector<std::shared_ptr<websocket_session>>> targets;
    {
        std::lock_guard lock(mutex_);
        last_published_id_ = std::max(last_published_id_, e.id);
        auto subscribers = channels_.find(e.channel);
        if (subscribers == channels_.end())
            return;
        targets.resize(lanes_.size());
        for (const auto* key : subscribers->second) {
            auto& state = sessions_.at(key);
            if (state.replays > 0) {
                if (state.held.size() < max_held_events)
                    state.held.push_back({e.id, message});
                else if (auto session = state.session.lock())
                    session->close(websocket::close_code::try_again_later,
                                   "Too many events while catching up; reconnect and resume from your last event id");
                continue;
            }
            if (auto session = state.session.lock())
                targets[state.lane].push_back(std::move(session));
        }
    }
    for (std::size_t lane = 0; lane < targets.size(); ++lane)
        deliver(lane, std::move(targets[lane]), message);
}

void hub::deliver(std::size_t lane, std::vector<std::shared_ptr<websocket_session>> targets,
                  const std::shared_ptr<const std::string>& message)
{
    for (auto rest = std::span(targets); !rest.empty();) {
        auto part = rest.first(std::min(rest.size(), delivery_chunk));
        rest = rest.subspan(part.size());
        std::vector chunk(std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
        net::post(lanes_[lane], [chunk = std::move(chunk), message] {
            for (const auto& session : chunk)
                session->send(message);
        });
    }
}

std::int64_t hub::last_published_id() const
{
    std::lock_guard lock(mutex_);
    return last_published_id_;
}

void hub::start_from(std::int64_t id)
{
    std::lock_guard lock(mutex_);
    last_published_id_ = id;
}

} // namespace pswnet::realtime
