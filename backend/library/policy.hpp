// Who may see and change a resource. Visibility: network (every signed-in user), region (organisations of the
// owner's region) or organisation (the owner's own people); moderators and network administrators see everything.
#pragma once

#include "core/principal.hpp"
#include "library/model.hpp"

namespace pswnet::library::policy {

bool sees_everything(const principal& who);
bool may_see(const viewer& v, const resource& r);
// The author, an org_admin of the owning organisation, or a moderator.
bool may_edit(const principal& who, const resource& r);

} // namespace pswnet::library::policy
