// `pswnet doctor`: checks a deployment as configured (flags, environment) and says what is wrong: the database and
// its migrations, the clock against the database's, the static files, the public origin and proxy settings, and
// mail. One line per check; exits 1 when any check fails, 0 when all pass (warnings included).
#pragma once

#include "app/application.hpp"

namespace pswnet {

int doctor_command(application& app);

} // namespace pswnet
