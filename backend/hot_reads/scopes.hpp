// The kinds of data whose answers are kept in memory (response_cache). A cached GET belongs to one scope; a write
// drops every answer of the scopes it may have changed, on its own instance before it responds, and on the others
// when its event arrives.
#pragma once

#include <cstdint>
#include <string_view>

namespace pswnet::hot_reads {

using scopes = std::uint32_t;

inline constexpr scopes nothing = 0;
inline constexpr scopes discussions = 1U << 0U;  // thread lists and pages
inline constexpr scopes directory = 1U << 1U;    // organisations, their neighbours and regions
inline constexpr scopes benchmarking = 1U << 2U; // comparisons, trends and dashboards
inline constexpr scopes everything = discussions | directory | benchmarking;
inline constexpr int scope_count = 3;

// The scopes an event of the log may have changed: thread and sector events change discussions; a group's events
// may change who reads what; notifications, sessions and the capabilities that are not cached change none; tables
// without events of their own announce changes on system:changes, by type. An event not named here changes
// everything, so a new capability's events are safe before they are mapped.
scopes changed_by_event(std::string_view channel, std::string_view type);

} // namespace pswnet::hot_reads
