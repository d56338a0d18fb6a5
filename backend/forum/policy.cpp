// Discussion policy.
#include "forum/policy.hpp"

namespace pswnet::forum::policy {

bool is_moderator(const principal& who)
{
    return who.has(role::moderator) || who.has(role::network_admin);
}

bool may_announce(const principal& who)
{
    return who.has(role::csw_office) || is_moderator(who);
}

bool may_reply(const principal& who, const thread_summary& thread)
{
    return !thread.locked || replies_when_locked(who);
}

bool replies_when_locked(const principal& who)
{
    return is_moderator(who);
}

bool may_edit(const principal& who, const post& p)
{
    return is_moderator(who) || (p.author.id == who.user_id && p.recent && !p.hidden);
}

bool may_accept(const principal& who, const thread_summary& thread)
{
    return thread.kind == thread_kind::question && (thread.author.id == who.user_id || is_moderator(who));
}

bool may_see_hidden(const principal& who, const post& p)
{
    return p.author.id == who.user_id || is_moderator(who);
}

post_view view_of(const principal& who, const thread_summary& thread, post p)
{
    post_view v;
    v.show_body = !p.hidden || may_see_hidden(who, p);
    v.show_markdown = v.show_body && (p.author.id == who.user_id || is_moderator(who));
    v.accepted = thread.accepted_post_id && *thread.accepted_post_id == p.id;
    v.can_edit = may_edit(who, p);
    v.can_accept = !p.is_opening && !p.hidden && may_accept(who, thread);
    if (!v.show_body) {
        p.body_html.clear();
        p.body_markdown.clear();
    }
    if (!v.show_markdown)
        p.body_markdown.clear();
    v.post = std::move(p);
    return v;
}

} // namespace pswnet::forum::policy
