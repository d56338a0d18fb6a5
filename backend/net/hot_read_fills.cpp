// The registry of fills under way.
#include "net/hot_read_fills.hpp"

namespace pswnet {

std::shared_ptr<hot_read_fills::done_signal> hot_read_fills::join(const std::string& key,
                                                                  const net::any_io_executor& executor)
{
    std::lock_guard lock(mutex_);
    auto [at, added] = under_way_.try_emplace(key);
    if (!added)
        return at->second;
    at->second = std::make_shared<done_signal>(executor);
    return nullptr;
}

void hot_read_fills::finish(const std::string& key)
{
    std::shared_ptr<done_signal> done;
    {
        std::lock_guard lock(mutex_);
        auto at = under_way_.find(key);
        if (at == under_way_.end())
            return;
        done = std::move(at->second);
        under_way_.erase(at);
    }
    done->close();
}

} // namespace pswnet
