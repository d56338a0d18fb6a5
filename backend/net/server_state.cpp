// The connection registry: snapshot under the lock, act outside it.
#include "net/server_state.hpp"

namespace pswnet {

server_state::server_state(const pswnet::config& config, const pswnet::router& router, const static_files* statics,
                           server_hooks hooks, request_metrics& metrics)
    : config_(config), router_(router), statics_(statics), hooks_(std::move(hooks)), metrics_(metrics)
{
}

void server_state::track(const std::shared_ptr<connection>& c)
{
    std::lock_guard lock(mutex_);
    connections_.emplace(c.get(), c);
}

void server_state::untrack(const connection* c)
{
    std::function<void()> drained;
    {
        std::lock_guard lock(mutex_);
        connections_.erase(c);
        if (stopping_ && connections_.empty())
            drained = std::exchange(drained_, nullptr);
    }
    if (drained)
        drained();
}

bool server_state::stopping() const noexcept
{
    std::lock_guard lock(mutex_);
    return stopping_;
}

void server_state::begin_shutdown(std::function<void()> drained)
{
    std::vector<std::shared_ptr<connection>> open;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (const auto& [key, weak] : connections_)
            if (auto c = weak.lock())
                open.push_back(std::move(c));
        if (connections_.empty()) {
            open.clear();
        } else {
            drained_ = std::move(drained);
            drained = nullptr;
        }
    }
    for (const auto& c : open)
        c->shutdown();
    if (drained)
        drained();
}

std::size_t server_state::open_connections() const
{
    std::lock_guard lock(mutex_);
    return connections_.size();
}

} // namespace pswnet
