// Discussion JSON encoders.
#include "forum/model_json.hpp"

#include "core/optional_json.hpp"
#include "directory/model_json.hpp"

namespace pswnet::forum {

nlohmann::json to_json(const author& a)
{
    return {{"id", a.id}, {"display_name", a.display_name}, {"organisation", to_json(a.organisation)}};
}

nlohmann::json to_json(const reaction_counts& r)
{
    return {{"helpful", r.helpful}, {"same_here", r.same_here}};
}

nlohmann::json to_json(const thread_summary& t)
{
    return {
        {"id", t.id},
        {"title", t.title},
        {"kind", to_string(t.kind)},
        {"sector", to_string(t.sector)},
        {"tags", t.tags},
        {"status", t.status()},
        {"audience", t.audience},
        {"author", to_json(t.author)},
        {"reply_count", t.reply_count},
        {"view_count", t.view_count},
        {"created_at", t.created_at},
        {"last_activity_at", t.last_activity_at},
        {"locked", t.locked},
        {"accepted_post_id", or_null(t.accepted_post_id)},
        {"subscribed", t.subscribed},
        {"readers", {{"scope", t.readers.scope}, {"name", or_null(t.readers.name)}}},
        {"group", t.readers.group_id ? nlohmann::json{{"id", *t.readers.group_id}, {"name", or_null(t.readers.name)}}
                                     : nlohmann::json(nullptr)},
    };
}

nlohmann::json to_json(const post_view& v)
{
    const auto& p = v.post;
    return {
        {"id", p.id},
        {"thread_id", p.thread_id},
        {"author", to_json(p.author)},
        {"body_html", v.show_body ? nlohmann::json(p.body_html) : nlohmann::json()},
        {"body_markdown", v.show_markdown ? nlohmann::json(p.body_markdown) : nlohmann::json()},
        {"is_opening", p.is_opening},
        {"hidden", p.hidden},
        {"created_at", p.created_at},
        {"edited_at", or_null(p.edited_at)},
        {"revision_count", p.revision_count},
        {"reactions", to_json(p.reactions)},
        {"my_reactions", p.my_reactions},
        {"accepted", v.accepted},
        {"can_edit", v.can_edit},
        {"can_accept", v.can_accept},
    };
}

nlohmann::json to_json(const thread& t)
{
    auto body = to_json(t.summary);
    auto& posts = body["posts"] = nlohmann::json::array();
    for (const auto& p : t.posts)
        posts.push_back(to_json(p));
    auto& audience = body["audience_organisations"] = nlohmann::json::array();
    for (const auto& o : t.audience.organisations)
        audience.push_back(to_json(o));
    body["audience_name"] = t.audience.name ? nlohmann::json(*t.audience.name) : nlohmann::json(nullptr);
    body["can_accept"] = t.can_accept;
    body["can_moderate"] = t.can_moderate;
    return body;
}

nlohmann::json to_json(const revision& r)
{
    return {{"body_markdown", r.body_markdown},
            {"body_html", r.body_html},
            {"edited_by", to_json(r.edited_by)},
            {"created_at", r.created_at}};
}

nlohmann::json to_json(const search_hit& h)
{
    return {{"type", h.type},
            {"thread_id", h.thread_id},
            {"post_id", or_null(h.post_id)},
            {"title", h.title},
            {"snippet_html", h.snippet_html},
            {"rank", h.rank},
            {"created_at", h.created_at}};
}

nlohmann::json to_json(const flag& f)
{
    post_view view;
    view.post = f.post;
    view.show_markdown = false;
    return {
        {"id", f.id},
        {"reason", f.reason},
        {"created_at", f.created_at},
        {"resolution", or_null(f.resolution)},
        {"flagged_by", to_json(f.flagged_by)},
        {"post", to_json(view)},
        {"thread", {{"id", f.thread_id}, {"title", f.thread_title}}},
    };
}

post_view public_view(const thread_summary& thread, post p)
{
    post_view v;
    v.show_body = !p.hidden;
    v.show_markdown = false;
    v.accepted = thread.accepted_post_id && *thread.accepted_post_id == p.id;
    p.my_reactions.clear();
    if (!v.show_body)
        p.body_html.clear();
    p.body_markdown.clear();
    v.post = std::move(p);
    return v;
}

} // namespace pswnet::forum
