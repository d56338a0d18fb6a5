// The commands of the pswnet executable.
#pragma once

#include "core/config.hpp"

namespace pswnet {

// Runs the command named by the first argument; returns the process exit code.
int run_command(const parsed_command_line& command_line);

} // namespace pswnet
