// Who may do what in benchmarking. Official figures and shared local figures are open to every signed-in user;
// drafts and revision history stay inside their organisation.
#pragma once

#include "core/principal.hpp"

#include <cstdint>

namespace pswnet::benchmarking::policy {

bool may_import(const principal& who);
bool may_add_metric(const principal& who);
bool may_edit_submission(const principal& who, std::int64_t organisation_id);
bool may_see_draft(const principal& who, std::int64_t organisation_id);

} // namespace pswnet::benchmarking::policy
