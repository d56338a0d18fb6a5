// A bounded map with expiry. When full, expired entries go first, and if none has expired the whole map is
// dropped: entries are cheap to rebuild and the bound matters more than the hit rate.
#include "identity/session_cache.hpp"

#include <algorithm>

namespace pswnet::identity {

session_cache::session_cache(std::chrono::milliseconds max_age, std::size_t max_entries)
    : max_age_(max_age), max_entries_(max_entries)
{
}

std::optional<principal> session_cache::find(const std::string& token_hash, clock::time_point now)
{
    std::lock_guard lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end())
        return std::nullopt;
    if (it->second.expires <= now) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.who;
}

void session_cache::remember(const std::string& token_hash, const principal& who, clock::time_point now)
{
    if (max_age_.count() <= 0)
        return;
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries_ && !entries_.contains(token_hash)) {
        std::erase_if(entries_, [now](const auto& item) { return item.second.expires <= now; });
        if (entries_.size() >= max_entries_)
            entries_.clear();
    }
    entries_[token_hash] = {who, now + max_age_};
}

void session_cache::forget_session(std::int64_t session_id)
{
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [session_id](const auto& item) { return item.second.who.session_id == session_id; });
}

void session_cache::forget_user(std::int64_t user_id)
{
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [user_id](const auto& item) { return item.second.who.user_id == user_id; });
}

std::size_t session_cache::size()
{
    std::lock_guard lock(mutex_);
    return entries_.size();
}

} // namespace pswnet::identity
