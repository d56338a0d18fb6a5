#include "meetings/service.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "groups/policy.hpp"
#include "meetings/meeting_fields.hpp"
#include "meetings/policy.hpp"

namespace pswnet::meetings {
namespace {

constexpr validation::choices answers{"going", "maybe", "not_going"};

api_error no_meeting(std::int64_t id)
{
    return api_error(errc::not_found, "There is no meeting " + std::to_string(id) + ".");
}

} // namespace

awaitable<meeting_views> service::list(const principal& who, std::int64_t group_id, meeting_filter filter)
{
    auto g = co_await groups_.get(who, group_id);
    if (!groups::policy::may_read_content(who, g))
        throw api_error(errc::forbidden, "Only members of " + g.name + " see its meetings: join it first.");
    auto page = co_await store_.list(who.user_id, group_id, filter);
    meeting_views views{{}, page.next_after_id};
    for (auto& m : page.items) {
        const bool can_manage = policy::may_manage(who, g, m);
        const bool can_answer = policy::may_answer(g, m);
        views.items.push_back({std::move(m), can_manage, can_answer});
    }
    co_return views;
}

awaitable<meeting_details> service::get(const principal& who, std::int64_t id)
{
    co_return co_await details(who, co_await readable(who, id));
}

awaitable<meeting_details> service::create(const principal& who, std::int64_t group_id, meeting_change change,
                                           audit_context audit)
{
    auto g = co_await groups_.get(who, group_id);
    if (!policy::may_arrange(who, g))
        throw api_error(errc::forbidden, "Only the owners of " + g.name + " arrange its meetings.");
    field_errors errors;
    auto fields = apply(change, {}, true, errors);
    errors.throw_if_any();
    fields.paper_ids = co_await checked_papers(who, g, fields.paper_ids);
    co_await limits_.take(who.user_id, policy::new_meetings);
    auto id = co_await store_.create({g.id, g.name}, fields, std::move(audit));
    co_return co_await get(who, id);
}

awaitable<meeting_details> service::update(const principal& who, std::int64_t id, meeting_change change,
                                           audit_context audit)
{
    auto found = co_await managed(who, id, "change it");
    if (found.m.cancelled_at)
        throw api_error(errc::conflict, "The meeting is cancelled: arrange a new one instead.");
    auto before = fields_of(found.m, co_await store_.paper_ids(id));
    field_errors errors;
    auto after = apply(change, before, false, errors);
    errors.throw_if_any();
    if (change.paper_ids)
        after.paper_ids = co_await checked_papers(who, found.group, after.paper_ids);
    co_await store_.update(found.m, after, moved(before, after), std::move(audit));
    co_return co_await get(who, id);
}

awaitable<meeting_details> service::cancel(const principal& who, std::int64_t id, std::string reason,
                                           audit_context audit)
{
    field_errors errors;
    validation::check_length(errors, "reason", reason, max_reason_length);
    errors.throw_if_any();
    auto found = co_await managed(who, id, "cancel it");
    if (found.m.ended)
        throw api_error(errc::conflict, "The meeting has already taken place.");
    if (found.m.cancelled_at || !co_await store_.cancel(found.m, reason, std::move(audit)))
        throw api_error(errc::conflict, "The meeting is already cancelled.");
    co_return co_await get(who, id);
}

awaitable<meeting_details> service::answer(const principal& who, std::int64_t id, std::string answer)
{
    field_errors errors;
    validation::check_choice(errors, "answer", answer, answers);
    errors.throw_if_any();
    auto found = co_await readable(who, id);
    if (!found.group.my_role)
        throw api_error(errc::forbidden, "Only members of " + found.group.name + " answer: join it first.");
    if (!policy::may_answer(found.group, found.m))
        throw api_error(errc::conflict,
                        found.m.cancelled_at ? "The meeting is cancelled." : "The meeting has already taken place.");
    co_await store_.answer(found.m, who.user_id, answer);
    co_return co_await get(who, id);
}

awaitable<std::vector<attendee>> service::attendees(const principal& who, std::int64_t id)
{
    co_await managed(who, id, "see who answered");
    co_return co_await store_.attendees(id);
}

awaitable<meeting_details> service::post_minutes(const principal& who, std::int64_t id, std::string body,
                                                 bool confirm_personal_data, audit_context audit)
{
    auto found = co_await managed(who, id, "post its minutes");
    if (found.m.cancelled_at)
        throw api_error(errc::conflict, "The meeting was cancelled, so it has no minutes.");
    if (!found.m.started)
        throw api_error(errc::conflict, "Minutes are posted once the meeting has started.");
    if (found.m.minutes_thread_id)
        throw api_error(errc::conflict, "The meeting's minutes are posted already: edit them in their discussion.");
    forum::new_thread minutes;
    minutes.title = "Minutes: " + std::string(text::cut_utf8(found.m.title, 160)) + ", " + found.m.date;
    minutes.body = std::move(body);
    minutes.sector = found.group.sector;
    minutes.kind = forum::thread_kind::discussion;
    minutes.group_id = found.group.id;
    minutes.confirm_personal_data = confirm_personal_data;
    auto thread = co_await forum_.create(who, std::move(minutes), audit);
    if (!co_await store_.link_minutes(found.m, thread.summary.id, std::move(audit)))
        throw api_error(errc::conflict, "The meeting's minutes were posted meanwhile: edit them in their discussion.");
    co_return co_await get(who, id);
}

awaitable<meeting> service::of_group(const principal& who, std::int64_t id, std::int64_t group_id,
                                     const std::string& field)
{
    auto found = co_await store_.find(who.user_id, id);
    if (!found || found->group.id != group_id)
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{field, "is not a meeting of the group"}});
    co_return std::move(*found);
}

awaitable<service::readable_meeting> service::readable(const principal& who, std::int64_t id)
{
    auto found = co_await store_.find(who.user_id, id);
    if (!found)
        throw no_meeting(id);
    auto g = co_await groups_.content_readable(who, found->group.id);
    if (!g)
        throw no_meeting(id);
    co_return readable_meeting{std::move(*found), std::move(*g)};
}

awaitable<service::readable_meeting> service::managed(const principal& who, std::int64_t id, std::string_view do_what)
{
    auto found = co_await readable(who, id);
    if (!policy::may_manage(who, found.group, found.m))
        throw api_error(errc::forbidden, "Only the meeting's organiser and the owners of " + found.group.name + " " +
                                             std::string(do_what) + ".");
    co_return found;
}

awaitable<meeting_details> service::details(const principal& who, const readable_meeting& found)
{
    meeting_details result{
        {found.m, policy::may_manage(who, found.group, found.m), policy::may_answer(found.group, found.m)}, {}};
    for (auto id : co_await store_.paper_ids(found.m.id)) {
        try {
            result.papers.push_back(library::paper_of(co_await library_.get(who, id)));
        } catch (const api_error& e) {
            if (e.code() != errc::not_found) // deleted, or no longer the caller's to read
                throw;
        }
    }
    co_return result;
}

awaitable<std::vector<std::int64_t>> service::checked_papers(const principal& who, const groups::group& g,
                                                             const std::vector<std::int64_t>& ids)
{
    field_errors errors;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto field = "paper_ids[" + std::to_string(i) + "]";
        try {
            auto r = co_await library_.get(who, ids[i]);
            const bool everyone_reads = r.visibility == library::resource_visibility::network ||
                                        (r.visibility == library::resource_visibility::group && r.group_id == g.id);
            if (!everyone_reads)
                errors.add(field, "is not shared with the network or with this group, so not every member could "
                                  "open it");
        } catch (const api_error& e) {
            if (e.code() != errc::not_found)
                throw;
            errors.add(field, "is not a library resource");
        }
    }
    errors.throw_if_any();
    co_return ids;
}

} // namespace pswnet::meetings
