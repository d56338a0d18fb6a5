// Who may do what in discussions. Pure functions of the caller and the thread or post, unit-tested.
#pragma once

#include "core/principal.hpp"
#include "forum/model.hpp"

namespace pswnet::forum::policy {

bool is_moderator(const principal& who);
bool may_announce(const principal& who);
bool may_reply(const principal& who, const thread_summary& thread);
bool may_edit(const principal& who, const post& p);
bool may_accept(const principal& who, const thread_summary& thread);
bool may_see_hidden(const principal& who, const post& p);

// The viewer's view of a post: hides the body of hidden posts from those who may not see it.
post_view view_of(const principal& who, const thread_summary& thread, post p);

} // namespace pswnet::forum::policy
