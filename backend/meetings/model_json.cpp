#include "meetings/model_json.hpp"

#include "library/model_json.hpp"
#include "markdown/markdown.hpp"

namespace pswnet::meetings {
namespace {

using nlohmann::json;

template <class T> json or_null(const std::optional<T>& value)
{
    return value ? json(*value) : json(nullptr);
}

json to_json(const meetings::person& p)
{
    return {{"id", p.id}, {"display_name", p.display_name}, {"organisation", pswnet::to_json(p.organisation)}};
}

json to_json(const group_ref& g)
{
    return {{"id", g.id}, {"name", g.name}};
}

} // namespace

json to_json(const rsvp_counts& c)
{
    return {{"going", c.going}, {"maybe", c.maybe}, {"not_going", c.not_going}};
}

json to_json(const meeting_view& v)
{
    const auto& m = v.m;
    return {{"id", m.id},
            {"group", to_json(m.group)},
            {"title", m.title},
            {"date", m.date},
            {"start_time", m.start_time},
            {"end_time", m.end_time},
            {"starts_at", m.starts_at},
            {"ends_at", m.ends_at},
            {"location", m.location},
            {"online_url", or_null(m.online_url)},
            {"organiser", to_json(m.organiser)},
            {"status", m.cancelled_at ? "cancelled" : "scheduled"},
            {"cancel_reason", or_null(m.cancel_reason)},
            {"sequence", m.sequence},
            {"rsvp_counts", to_json(m.counts)},
            {"my_rsvp", or_null(m.my_rsvp)},
            {"minutes_thread_id", or_null(m.minutes_thread_id)},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at},
            {"can_manage", v.can_manage},
            {"can_rsvp", v.can_answer},
            {"calendar_url", "/api/v1/meetings/" + std::to_string(m.id) + "/meeting.ics"}};
}

json to_json(const meeting_details& d)
{
    auto out = to_json(d.view);
    out["agenda"] = d.view.m.agenda;
    out["agenda_html"] = markdown::to_html(d.view.m.agenda);
    auto papers = json::array();
    for (const auto& p : d.papers)
        papers.push_back(library::to_json(p));
    out["papers"] = std::move(papers);
    return out;
}

json to_json(const attendee& a)
{
    auto out = to_json(a.who);
    out["answer"] = a.answer;
    out["answered_at"] = a.answered_at;
    return out;
}

json to_json(const action_view& v)
{
    const auto& a = v.action;
    json meeting = nullptr;
    if (a.meeting_id)
        meeting = {{"id", *a.meeting_id}, {"title", a.meeting_title.value_or("")}};
    return {{"id", a.id},
            {"group", to_json(a.group)},
            {"meeting", std::move(meeting)},
            {"title", a.title},
            {"owner", to_json(a.owner)},
            {"due_on", a.due_on},
            {"done", a.done_at.has_value()},
            {"done_at", or_null(a.done_at)},
            {"overdue", a.overdue},
            {"created_at", a.created_at},
            {"can_edit", v.can_edit},
            {"can_complete", v.can_complete}};
}

json to_json(const calendar_feed& f)
{
    return {{"active", f.active}, {"created_at", or_null(f.created_at)}, {"url", or_null(f.url)}};
}

} // namespace pswnet::meetings
