// Who may do what in discussions. Pure functions of the caller and the thread or post, unit-tested.
#pragma once

#include "core/principal.hpp"
#include "db/write_limits.hpp"
#include "forum/model.hpp"

#include <chrono>

namespace pswnet::forum::policy {

// Per-person write limits, across every instance: generous for people, tight for a script or a stolen session.
inline constexpr db::write_limit new_discussions{"thread", 10, std::chrono::hours(1), "new discussions"};
inline constexpr db::write_limit replies{"post", 30, std::chrono::minutes(10), "replies"};
inline constexpr db::write_limit flags{"flag", 20, std::chrono::hours(1), "reports"};

bool is_moderator(const principal& who);
bool may_announce(const principal& who);
bool may_reply(const principal& who, const thread_summary& thread);
bool replies_when_locked(const principal& who);
bool may_edit(const principal& who, const post& p);
bool may_accept(const principal& who, const thread_summary& thread);
bool may_see_hidden(const principal& who, const post& p);

// The viewer's view of a post: hides the body of hidden posts from those who may not see it.
post_view view_of(const principal& who, const thread_summary& thread, post p);

} // namespace pswnet::forum::policy
