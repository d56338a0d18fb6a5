// The commands for mail: digests run, reminders run, mail send and mail receive (a reply by email, from an MTA's pipe).
#pragma once

#include "app/application.hpp"

#include <string>
#include <vector>

namespace pswnet {

// pswnet digests run [--at TIME]
int digests_command(application& app, const std::vector<std::string>& args);

// pswnet reminders run [--at TIME]: meetings' and actions'
int reminders_command(application& app, const std::vector<std::string>& args);

// pswnet mail send | mail receive
int mail_command(application& app, const std::vector<std::string>& args);

} // namespace pswnet
