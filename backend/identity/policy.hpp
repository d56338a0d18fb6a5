// Who may do what in identity. Pure functions of the caller and the target, unit-tested.
#pragma once

#include "core/principal.hpp"

#include <cstdint>
#include <vector>

namespace pswnet::identity::policy {

// org_admins manage their own organisation; network_admins manage every organisation.
bool may_manage_members(const principal& who, std::int64_t organisation_id);

// Roles an inviter may hand out: org_admins member and org_admin; network_admins every role.
bool may_grant(const principal& who, const std::vector<role>& roles);

// Roles in order of power: member < org_admin < moderator, csw_office < network_admin.
int rank_of(const std::vector<role>& roles);

// Whether `who` may change (disable, re-enable) the account of someone of `organisation_id` who holds `roles`:
// network administrators anyone's; an organisation's administrators only those who hold no role above theirs, so
// that no organisation can undo what a network administrator decided about a moderator or an office.
bool may_change_account(const principal& who, std::int64_t organisation_id, const std::vector<role>& roles);

} // namespace pswnet::identity::policy
