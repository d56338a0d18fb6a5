// Which cached answers an event may have made stale.
#include "hot_reads/scopes.hpp"

#include <array>

namespace pswnet::hot_reads {
namespace {

struct channel_rule {
    std::string_view prefix;
    scopes changes;
};

constexpr std::array rules{
    channel_rule{"thread:", discussions},     channel_rule{"sector:", discussions},
    channel_rule{"user:", nothing},         // notifications, read by their own routes
    channel_rule{"resource:", nothing},     // the library is not cached
    channel_rule{"consultation:", nothing}, // nor are consultations
    channel_rule{"system:sessions", nothing},
};

// announce_change's events (migration 0029), by type.
constexpr std::array changes{
    channel_rule{"discussions.", discussions},
    channel_rule{"benchmarking.", benchmarking},
};

} // namespace

scopes changed_by_event(std::string_view channel, std::string_view type)
{
    if (channel == "system:changes")
        for (const auto& change : changes)
            if (type.starts_with(change.prefix))
                return change.changes;
    for (const auto& rule : rules)
        if (channel.starts_with(rule.prefix))
            return rule.changes;
    return everything;
}

} // namespace pswnet::hot_reads
