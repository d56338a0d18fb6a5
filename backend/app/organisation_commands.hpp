// The command for adding other employers of PSWs to the directory, for network administrators at a shell:
//   pswnet organisation add --kind K --name N --code C --services S [--region CODE] [--works-for CODE|ID ...]
#pragma once

#include "app/application.hpp"

#include <string>
#include <vector>

namespace pswnet {

// Returns the exit code: 0, or 1 when the service refuses (the reasons on standard error). A command line it cannot
// run throws usage_error, which run_command prints and answers with 2.
int organisation_command(application& app, const std::vector<std::string>& args);

} // namespace pswnet
