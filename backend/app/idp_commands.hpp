// The commands for identity providers (single sign-on), for network administrators at a shell:
//   pswnet idp add --name N --issuer URL --client-id ID --client-secret-stdin --domain D [--domain D]
//                  --organisation CODE|ID[=TENANT] [--organisation ...]
//   pswnet idp list
//   pswnet idp remove ID
#pragma once

#include "app/application.hpp"

#include <string>
#include <vector>

namespace pswnet {

// Returns the exit code: 0, or 1 when the service refuses (the reasons on standard error). A command line it cannot
// run throws usage_error, which run_command prints and answers with 2.
int idp_command(application& app, const std::vector<std::string>& args);

} // namespace pswnet
