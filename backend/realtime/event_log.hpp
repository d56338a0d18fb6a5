// The event log: every write that others should see appends an event in its own transaction, and tells the
// listeners of every instance with NOTIFY. Events are rows, so a reconnecting client loses nothing.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <string>
#include <string_view>

namespace pswnet::realtime {

inline constexpr const char* notify_channel = "pswnet_events";

// Whether appending an event also sends NOTIFY (the default). Without it, listeners find new events by polling
// once a second: an operational switch, and how docs/benchmarks.md measures what NOTIFY costs.
void set_notify(bool enabled);

// payload_json must be a JSON object's text. Returns the event id.
std::int64_t append_event(pqxx::work& tx, std::string_view channel, std::string_view type,
                          const std::string& payload_json);

} // namespace pswnet::realtime
