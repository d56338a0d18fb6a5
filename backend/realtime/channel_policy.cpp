// Channel names are kind:key with a small alphabet, so they are safe in SQL arrays and logs.
#include "realtime/channel_policy.hpp"

#include <algorithm>

namespace pswnet::realtime {

void channel_policy::add(std::string kind, channel_rule rule)
{
    rules_.emplace(std::move(kind), std::move(rule));
}

bool channel_policy::well_formed(const std::string& channel)
{
    auto colon = channel.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= channel.size() || channel.size() > 60)
        return false;
    auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; };
    return std::all_of(channel.begin(), channel.begin() + static_cast<long>(colon), ok) &&
           std::all_of(channel.begin() + static_cast<long>(colon) + 1, channel.end(), ok);
}

awaitable<bool> channel_policy::may_subscribe(const principal& who, const std::string& channel) const
{
    if (!well_formed(channel))
        co_return false;
    auto colon = channel.find(':');
    auto kind = channel.substr(0, colon);
    auto key = channel.substr(colon + 1);
    if (kind == "user")
        co_return key == std::to_string(who.user_id);
    auto rule = rules_.find(kind);
    if (rule == rules_.end())
        co_return false;
    co_return co_await rule->second(who, std::move(key));
}

} // namespace pswnet::realtime
