// "Chrome on Windows": what a person recognises of a session, from its User-Agent.
#pragma once

#include <string>
#include <string_view>

namespace pswnet::identity {

// "Unknown device" for an empty agent; "Unknown browser on Linux" or "curl" style programs named as "Another
// program" when nothing is recognised.
std::string device_name(std::string_view user_agent);

} // namespace pswnet::identity
