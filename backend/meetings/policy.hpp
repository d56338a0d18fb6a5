// Who may do what with meetings and actions. Pure functions of the caller, the group as the caller's groups service
// read it (with their role in it), and the meeting or action; unit-tested.
#pragma once

#include "core/principal.hpp"
#include "db/write_limits.hpp"
#include "groups/model.hpp"
#include "meetings/model.hpp"

#include <chrono>

namespace pswnet::meetings::policy {

inline constexpr db::write_limit new_meetings{"meeting", 30, std::chrono::hours(1), "new meetings"};
inline constexpr db::write_limit new_actions{"group_action", 100, std::chrono::hours(1), "new actions"};
inline constexpr db::write_limit new_feeds{"calendar_feed", 10, std::chrono::hours(1), "new calendar addresses"};

// Those who manage the group (its owners, network administrators) arrange its meetings and give its actions.
bool may_arrange(const principal& who, const groups::group& g);

// A meeting is changed, cancelled and minuted by those who arrange the group's meetings, and by its organiser while
// they are still a member.
bool may_manage(const principal& who, const groups::group& g, const meeting& m);

// The group's members answer, while the meeting is on and has not ended.
bool may_answer(const groups::group& g, const meeting& m);

// An action is changed by those who give the group's actions; marked done by them and by its owner.
bool may_complete(const principal& who, const groups::group& g, const action& a);

} // namespace pswnet::meetings::policy
