// spdlog set-up: one line per event, as text or as JSON lines.
#pragma once

#include "core/config.hpp"

namespace pswnet {

void configure_logging(const config& cfg);

} // namespace pswnet
