// One event as read back from the log.
#pragma once

#include <cstdint>
#include <string>

namespace pswnet::realtime {

struct event {
    std::int64_t id = 0;
    std::string channel;
    std::string type;
    std::string payload_json;
};

// The WebSocket message for an event: {"type":"event","id","channel","event","data"}.
std::string event_message(const event& e);

} // namespace pswnet::realtime
