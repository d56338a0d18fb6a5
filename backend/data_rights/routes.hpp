// GET /api/v1/me/data-export (a ZIP of everything held about the signed-in person), POST /api/v1/me/deletion
// (deleting their account, with their current password), and GET /api/v1/retention (how long records are kept, as
// this deployment is configured, for the privacy notice).
#pragma once

#include "data_rights/service.hpp"
#include "net/router.hpp"

namespace pswnet::data_rights {

struct retention_periods {
    int audit_log_days = 0;
    int deleted_files_days = 0;
    int events_days = 0;
};

void add_routes(router& r, service& rights, retention_periods retention);

} // namespace pswnet::data_rights
