// The command for adding other employers of PSWs to the directory, for network administrators at a shell:
//   pswnet organisation add --kind K --name N --code C --services S [--region CODE] [--works-for CODE|ID ...]
#pragma once

#include "app/application.hpp"

#include <string>
#include <vector>

namespace pswnet {

// Returns the exit code: 0, 1 when the service refuses (the reasons on standard error), 2 for a usage error.
int organisation_command(application& app, const std::vector<std::string>& args);

} // namespace pswnet
