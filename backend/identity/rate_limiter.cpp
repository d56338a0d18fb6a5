// Sliding-window failure counting. When the table is full, keys without recent failures are dropped first.
#include "identity/rate_limiter.hpp"

namespace pswnet::identity {

rate_limiter::rate_limiter(std::size_t max_failures, std::chrono::seconds window, std::size_t max_keys)
    : max_failures_(max_failures), window_(window), max_keys_(max_keys)
{
}

void rate_limiter::forget_expired(std::deque<clock::time_point>& failures, clock::time_point now) const
{
    while (!failures.empty() && failures.front() + window_ <= now)
        failures.pop_front();
}

std::optional<std::chrono::seconds> rate_limiter::blocked_for(const std::string& key, clock::time_point now)
{
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key);
    if (it == failures_.end())
        return std::nullopt;
    forget_expired(it->second, now);
    if (it->second.size() < max_failures_)
        return std::nullopt;
    auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.front() + window_ - now);
    return std::max(wait, std::chrono::seconds(1));
}

void rate_limiter::record_failure(const std::string& key, clock::time_point now)
{
    std::lock_guard lock(mutex_);
    if (failures_.size() >= max_keys_ && !failures_.contains(key)) {
        for (auto it = failures_.begin(); it != failures_.end();) {
            forget_expired(it->second, now);
            it = it->second.empty() ? failures_.erase(it) : std::next(it);
        }
        if (failures_.size() >= max_keys_)
            failures_.erase(failures_.begin());
    }
    auto& failures = failures_[key];
    failures.push_back(now);
    while (failures.size() > max_failures_)
        failures.pop_front();
}

void rate_limiter::reset(const std::string& key)
{
    std::lock_guard lock(mutex_);
    failures_.erase(key);
}

std::size_t rate_limiter::tracked_keys()
{
    std::lock_guard lock(mutex_);
    return failures_.size();
}

} // namespace pswnet::identity
