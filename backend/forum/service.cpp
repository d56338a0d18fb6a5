// Discussion rules. Every read and write asks the policy; text is checked by the personal-data guard before
// anything is stored, and rendered to safe HTML once, at write time.
#include "forum/service.hpp"

#include "core/snippet.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "forum/policy.hpp"
#include "markdown/markdown.hpp"
#include "personal_data/guard.hpp"

#include <algorithm>

namespace pswnet::forum {
namespace {

reader reader_of(const principal& who)
{
    return {who.user_id, policy::is_moderator(who)};
}

constexpr validation::choices kinds{"question", "discussion", "announcement"};
constexpr validation::choices audiences{"network", "statistical_neighbours", "region", "organisations",
                                        "comparator_group"};
constexpr validation::choices reaction_kinds{"helpful", "same_here"};

void guard(const std::vector<personal_data::field_text>& fields, bool confirmed)
{
    personal_data::enforce(personal_data::scan_fields(fields), confirmed);
}

} // namespace

service::service(thread_store& threads, directory::service& directory, directory::comparator_groups& comparator_groups,
                 groups::service& groups, db::write_limits& limits)
    : threads_(threads), directory_(directory), comparator_groups_(comparator_groups), groups_(groups), limits_(limits)
{
}

awaitable<thread_summary> service::existing_thread(const principal& who, std::int64_t thread_id)
{
    auto found = co_await threads_.find(reader_of(who), thread_id);
    if (!found)
        throw api_error(errc::not_found, "There is no discussion " + std::to_string(thread_id) + ".");
    co_return std::move(*found);
}

awaitable<post> service::existing_post(const principal& who, std::int64_t post_id)
{
    auto found = co_await threads_.find_post(who.user_id, post_id);
    // A post of a thread the caller may not read does not exist for them.
    if (!found || !co_await threads_.find(reader_of(who), found->thread_id))
        throw api_error(errc::not_found, "There is no post " + std::to_string(post_id) + ".");
    co_return std::move(*found);
}

awaitable<post_view> service::view_post(const principal& who, std::int64_t post_id)
{
    auto p = co_await existing_post(who, post_id);
    auto thread = co_await existing_thread(who, p.thread_id);
    co_return policy::view_of(who, thread, std::move(p));
}

awaitable<bool> service::may_read_thread(const principal& who, std::int64_t thread_id)
{
    co_return (co_await threads_.find(reader_of(who), thread_id)).has_value();
}

awaitable<thread_page> service::list(const principal& who, thread_filter filter)
{
    field_errors errors;
    if (filter.sector)
        validation::check_choice(errors, "sector", *filter.sector, validation::sectors);
    if (filter.kind && !parse_thread_kind(*filter.kind))
        errors.add("kind", "must be " + validation::in_words(kinds));
    if (filter.status && *filter.status != "answered" && *filter.status != "unanswered" && *filter.status != "all")
        errors.add("status", "must be unanswered, answered or all");
    if (filter.tag) {
        if (auto tag = text::normalise_tag(*filter.tag))
            filter.tag = tag;
        else
            errors.add("tag", "is not a tag");
    }
    if (filter.q && (filter.q->size() > 200))
        errors.add("q", "must be at most 200 characters");
    if (filter.region && !co_await directory_.region_exists(*filter.region))
        errors.add("region", "must be an England region code such as E12000008");
    errors.throw_if_any("Some query parameters are not valid");
    if (filter.status == "all")
        filter.status.reset();
    if (filter.q && text::blank(*filter.q))
        filter.q.reset();
    co_return co_await threads_.list(reader_of(who), std::move(filter));
}

awaitable<thread> service::get(const principal& who, std::int64_t thread_id)
{
    auto summary = co_await existing_thread(who, thread_id);
    thread t;
    t.first_view = co_await threads_.record_view(who.user_id, thread_id);
    summary = co_await existing_thread(who, thread_id);
    for (auto& p : co_await threads_.posts(who.user_id, thread_id))
        t.posts.push_back(policy::view_of(who, summary, std::move(p)));
    if (summary.audience != "network")
        t.audience = co_await threads_.audience(thread_id);
    t.can_accept = policy::may_accept(who, summary);
    t.can_moderate = policy::is_moderator(who);
    t.summary = std::move(summary);
    co_return t;
}

awaitable<thread> service::create(const principal& who, new_thread request, audit_context audit)
{
    field_errors errors;
    validation::check_text(errors, "title", request.title, max_title_length);
    validation::check_text(errors, "body", request.body, max_body_length);
    if (!request.sector)
        errors.add("sector", "must be " + validation::in_words(validation::sectors));
    if (!request.kind)
        errors.add("kind", "must be " + validation::in_words(kinds));
    validation::check_choice(errors, "audience", request.audience, audiences);
    auto tags = validation::checked_tags(errors, request.tags, max_tags);
    if (request.audience == "organisations" &&
        (request.audience_organisation_ids.empty() || request.audience_organisation_ids.size() > 50))
        errors.add("audience_organisation_ids", "must name 1 to 50 organisations");
    if (request.audience == "comparator_group" && !request.audience_group_id)
        errors.add("audience_group_id", "is required: one of your organisation's saved groups");
    if (request.group_id && request.audience != "network")
        errors.add("audience", "must be network for a discussion in a group: the group is its audience");
    errors.throw_if_any();
    if (request.group_id) { // a group's discussion is read by the group's readers
        auto group = co_await groups_.postable(who, *request.group_id, "group_id", "start discussions in it");
        request.readers = {.scope = "group", .group_id = group.id, .name = group.name};
    }
    if (request.kind == thread_kind::announcement && !policy::may_announce(who))
        throw api_error(errc::forbidden, "Only the Chief Social Workers' offices and moderators make announcements.");
    request.tags = std::move(tags);
    std::vector<personal_data::field_text> checked{{"title", request.title}, {"body", request.body}};
    for (std::size_t i = 0; i < request.tags.size(); ++i)
        checked.emplace_back("tags[" + std::to_string(i) + "]", request.tags[i]);
    guard(checked, request.confirm_personal_data);

    std::vector<std::int64_t> audience;
    if (request.audience == "statistical_neighbours" || request.audience == "region") {
        auto group =
            request.audience == "region" ? directory::neighbour_group::region : directory::neighbour_group::statistical;
        for (const auto& n : co_await directory_.neighbours(who, who.organisation_id, group))
            audience.push_back(n.organisation.id);
        if (audience.empty())
            throw api_error(
                errc::validation_failed, "Some fields are not valid",
                {{"audience", "your organisation has no " +
                                  std::string(request.audience == "region" ? "region" : "statistical neighbours")}});
    } else if (request.audience == "organisations") {
        for (auto id : request.audience_organisation_ids) {
            if (!co_await directory_.find(id))
                throw api_error(errc::validation_failed, "Some fields are not valid",
                                {{"audience_organisation_ids", "names an organisation that does not exist"}});
            if (std::find(audience.begin(), audience.end(), id) == audience.end())
                audience.push_back(id);
        }
    } else if (request.audience == "comparator_group") {
        auto group = co_await comparator_groups_.usable_by(who, *request.audience_group_id);
        if (!group)
            throw api_error(errc::validation_failed, "Some fields are not valid",
                            {{"audience_group_id", "is not one of your organisation's saved groups"}});
        for (const auto& member : group->members)
            audience.push_back(member.id);
        request.audience_name = group->name;
    }
    co_await limits_.take(who.user_id, policy::new_discussions);
    auto html = markdown::to_html(request.body);
    auto id = co_await threads_.create(who, std::move(request), std::move(html), std::move(audience), std::move(audit));
    co_return co_await get(who, id);
}

awaitable<std::vector<thread_summary>> service::similar(const principal& who, std::string title)
{
    if (text::character_count(title) < 3 || text::blank(title))
        co_return std::vector<thread_summary>{};
    co_return co_await threads_.similar(reader_of(who), std::string(text::cut_utf8(title, 200)));
}

awaitable<search_results> service::search(const principal& who, std::string q, int limit)
{
    if (text::blank(q) || q.size() > 200)
        throw api_error(errc::validation_failed, "Some query parameters are not valid",
                        {{"q", "must be 1 to 200 characters"}});
    auto found = co_await threads_.search(reader_of(who), std::move(q), limit);
    for (auto& hit : found.hits)
        hit.snippet_html = snippet_html(hit.snippet_html);
    co_return found;
}

awaitable<post_view> service::reply(const principal& who, std::int64_t thread_id, std::string body, bool confirmed,
                                    audit_context audit)
{
    field_errors errors;
    validation::check_text(errors, "body", body, max_body_length);
    errors.throw_if_any();
    guard({{"body", body}}, confirmed);
    auto html = markdown::to_html(body);
    // The thread is read and its rules asked in the reply's own statements, not in a read before them.
    auto stored = co_await threads_.add_post(who, {reader_of(who).sees_all, policy::replies_when_locked(who)},
                                             thread_id, std::move(body), std::move(html),
                                             limits_.counter(who.user_id, policy::replies), std::move(audit));
    if (!stored) {
        // Why not, from the thread as it is now.
        auto thread = co_await existing_thread(who, thread_id);
        if (!policy::may_reply(who, thread))
            throw api_error(errc::conflict, "This discussion is locked: no more replies.");
        throw api_error(errc::conflict, "This discussion changed while you replied. Send your reply again.");
    }
    co_return policy::view_of(who, stored->thread, std::move(stored->reply));
}

awaitable<post_view> service::edit(const principal& who, std::int64_t post_id, std::string body, bool confirmed,
                                   audit_context audit)
{
    field_errors errors;
    validation::check_text(errors, "body", body, max_body_length);
    errors.throw_if_any();
    auto existing = co_await existing_post(who, post_id);
    if (!policy::may_edit(who, existing))
        throw api_error(errc::forbidden, existing.author.id == who.user_id
                                             ? "Posts can be edited for 24 hours after posting."
                                             : "Only the author or a moderator can edit this post.");
    guard({{"body", body}}, confirmed);
    auto html = markdown::to_html(body);
    co_await threads_.edit_post(who, post_id, std::move(body), std::move(html), std::move(audit));
    co_return co_await view_post(who, post_id);
}

awaitable<std::vector<revision>> service::revisions(const principal& who, std::int64_t post_id)
{
    auto existing = co_await existing_post(who, post_id);
    if (existing.author.id != who.user_id && !policy::is_moderator(who))
        throw api_error(errc::forbidden, "Only the author and moderators can see earlier versions.");
    co_return co_await threads_.revisions(post_id);
}

awaitable<thread> service::accept(const principal& who, std::int64_t thread_id, std::optional<std::int64_t> post_id,
                                  audit_context audit)
{
    auto summary = co_await existing_thread(who, thread_id);
    if (summary.kind != thread_kind::question)
        throw api_error(errc::validation_failed, "Only questions have accepted answers.",
                        {{"post_id", "this discussion is not a question"}});
    if (!policy::may_accept(who, summary))
        throw api_error(errc::forbidden, "Only the person who asked, or a moderator, can accept an answer.");
    if (post_id) {
        auto answer = co_await threads_.find_post(who.user_id, *post_id);
        if (!answer || answer->thread_id != thread_id || answer->is_opening || answer->hidden)
            throw api_error(errc::validation_failed, "Some fields are not valid",
                            {{"post_id", "must be a visible reply in this discussion"}});
    }
    co_await threads_.accept(who, thread_id, post_id, std::move(audit));
    co_return co_await get(who, thread_id);
}

awaitable<reaction_state> service::react(const principal& who, std::int64_t post_id, std::string kind,
                                         audit_context audit)
{
    if (!validation::one_of(kind, reaction_kinds))
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{"kind", "must be " + validation::in_words(reaction_kinds)}});
    auto existing = co_await existing_post(who, post_id);
    if (existing.author.id == who.user_id)
        throw api_error(errc::validation_failed, "You cannot react to your own post.",
                        {{"kind", "cannot be given to your own post"}});
    if (existing.hidden)
        throw api_error(errc::conflict, "This post is hidden.");
    co_return co_await threads_.toggle_reaction(who, post_id, std::move(kind), std::move(audit));
}

awaitable<void> service::set_subscription(const principal& who, std::int64_t thread_id, bool subscribed,
                                          audit_context audit)
{
    co_await existing_thread(who, thread_id);
    co_await threads_.set_subscription(who, thread_id, subscribed, std::move(audit));
}

} // namespace pswnet::forum
