// `pswnet serve`: migrate, then serve HTTP and WebSocket until SIGTERM or SIGINT, then stop gracefully.
#pragma once

#include "app/application.hpp"
#include "mail/transport.hpp"

namespace pswnet {

int serve(application& app);

// Where this instance's emails go: the --smtp-url server, or .eml files in --mail-dir.
std::unique_ptr<mail::transport> mail_transport(const config& cfg);

} // namespace pswnet
