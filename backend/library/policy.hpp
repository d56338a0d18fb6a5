// Who may see and change a resource. Visibility: network (every signed-in user), region (organisations of the
// owner's region) or organisation (the owner's own people); moderators and network administrators see everything.
#pragma once

#include "core/principal.hpp"
#include "forum/model.hpp"
#include "library/model.hpp"

namespace pswnet::library::policy {

bool sees_everything(const principal& who);
// reads_group: whether the viewer reads the content of the group a resource is shared with (groups' rule).
bool may_see(const viewer& v, const resource& r, bool reads_group);
// The author, an org_admin of the owning organisation, or a moderator.
bool may_edit(const principal& who, const resource& r);

// Who can read a discussion of the resource: whoever can see the resource (its organisation; for a region's resource,
// the organisations of the owner's region, or the owner alone when it has no region; for a group's, the group's
// readers).
forum::thread_readers discussion_readers(const resource& r);

} // namespace pswnet::library::policy
