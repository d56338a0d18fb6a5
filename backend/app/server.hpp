// `pswnet serve`: migrate, then serve HTTP and WebSocket until SIGTERM or SIGINT, then stop gracefully.
#pragma once

#include "app/application.hpp"

namespace pswnet {

int serve(application& app);

} // namespace pswnet
