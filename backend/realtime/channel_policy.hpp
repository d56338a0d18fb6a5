// Who may subscribe to which channel: each capability registers the rule for its own channel kind
// ("thread", "sector", ...), asked at subscribe time with the same policy as its REST reads.
#pragma once

#include "core/net.hpp"
#include "core/principal.hpp"

#include <functional>
#include <map>
#include <string>

namespace pswnet::realtime {

using channel_rule = std::function<awaitable<bool>(const principal& who, std::string key)>;

class channel_policy {
public:
    void add(std::string kind, channel_rule rule);

    // "thread:42" -> the thread rule asked about "42"; unknown kinds and malformed names are refused.
    awaitable<bool> may_subscribe(const principal& who, const std::string& channel) const;

    static bool well_formed(const std::string& channel);

private:
    std::map<std::string, channel_rule, std::less<>> rules_;
};

} // namespace pswnet::realtime
