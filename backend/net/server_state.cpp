// The connection registry: snapshot under the lock, act outside it.
#include "net/server_state.hpp"

namespace pswnet {

server_state::server_state(const pswnet::config& config, const pswnet::router& router, const static_files* statics,
                           server_hooks hooks, request_metrics& metrics, hot_reads::response_cache* hot_reads)
    : config_(config), router_(router), statics_(statics), hooks_(std::move(hooks)), metrics_(metrics),
      hot_reads_(hot_reads != nullptr && hot_reads->enabled() ? hot_reads : nullptr)
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

connection_slot::~connection_slot()
{
    if (state_)
        state_->give_back(address_);
}

std::optional<connection_slot> server_state::take_slot(const std::string& address)
{
    std::lock_guard lock(mutex_);
    if (slots_taken_ >= config_.max_connections)
        return std::nullopt;
    auto& from_address = slots_by_address_[address];
    if (!config_.trust_proxy && from_address >= config_.max_connections_per_address)
        return std::nullopt;
    ++from_address;
    ++slots_taken_;
    return connection_slot(*this, address);
}

void server_state::give_back(const std::string& address)
{
    std::lock_guard lock(mutex_);
    --slots_taken_;
    if (auto it = slots_by_address_.find(address); it != slots_by_address_.end() && --it->second == 0)
        slots_by_address_.erase(it);
}

std::size_t server_state::open_connections() const
{
    std::lock_guard lock(mutex_);
    return connections_.size();
}

} // namespace pswnet
