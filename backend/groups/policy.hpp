// Who may do what with groups. Pure functions of the caller and the group as the caller's store read it (with the
// caller's role in it), unit-tested.
#pragma once

#include "core/principal.hpp"
#include "db/write_limits.hpp"
#include "groups/model.hpp"

#include <chrono>

namespace pswnet::groups::policy {

inline constexpr db::write_limit join_requests{"group_join", 20, std::chrono::hours(1), "requests to join groups"};
inline constexpr db::write_limit new_groups{"group", 30, std::chrono::hours(1), "new groups"};

// Moderators and network administrators read every group's content, as they read every thread.
bool sees_all(const principal& who);

// A private group is known to its members alone.
bool may_see(const principal& who, const group& g);

// An open group's discussions are the network's; a restricted or private group's are its members'.
bool may_read_content(const principal& who, const group& g);

// Its owners, and network administrators (who own the networks until they appoint owners).
bool may_manage(const principal& who, const group& g);

// Network administrators create any group; a person who owns a group creates special-interest groups.
bool may_create(const principal& who, const std::string& kind, bool owns_a_group);

// Members start discussions in a group; network administrators too.
bool may_post(const principal& who, const group& g);

} // namespace pswnet::groups::policy
