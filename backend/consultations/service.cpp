// Consultation rules. Every read of a response goes through the caller's own organisation (or self) or through
// the office checks; there is no way to name another authority's response.
#include "consultations/service.hpp"

#include "consultations/policy.hpp"
#include "consultations/questions.hpp"
#include "consultations/summary.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "markdown/markdown.hpp"
#include "personal_data/guard.hpp"

#include <algorithm>
#include <chrono>
#include <regex>

namespace pswnet::consultations {
namespace {

// An office reminds the authorities that have not responded; more often than this is a slip of the finger.
constexpr db::write_limit reminders{"reminder", 10, std::chrono::hours(1), "reminders"};

constexpr validation::choices response_scopes{"organisation", "individual"};
constexpr validation::choices statuses{"draft", "upcoming", "open", "closed", "outcome_published"};

void check_draft(const draft& d, field_errors& errors)
{
    validation::check_text(errors, "title", d.title, 200);
    validation::check_text(errors, "summary", d.summary, 50'000);
    validation::check_choice(errors, "audience", d.audience, validation::sectors);
    validation::check_choice(errors, "response_scope", d.response_scope, response_scopes);
    auto opens = time::parse_rfc3339(d.opens_at);
    auto closes = time::parse_rfc3339(d.closes_at);
    if (!opens)
        errors.add("opens_at", "must be a date and time such as 2026-12-01T09:00:00Z");
    if (!closes)
        errors.add("closes_at", "must be a date and time such as 2027-01-15T17:00:00Z");
    else if (opens && *closes <= *opens)
        errors.add("closes_at", "must be after opens_at");
    check_questions(d.questions, errors);
}

draft merged(const consultation& c, consultation_fields f)
{
    draft d{f.title.value_or(c.title),
            f.summary.value_or(c.summary),
            "",
            f.audience.value_or(c.audience),
            f.opens_at.value_or(c.opens_at),
            f.closes_at.value_or(c.closes_at),
            f.response_scope.value_or(c.response_scope),
            f.questions.value_or(c.questions)};
    d.summary_html = markdown::to_html(d.summary);
    return d;
}

void throw_for(change_result result, std::string_view conflict_detail)
{
    if (result == change_result::not_found)
        throw api_error(errc::not_found, "There is no such consultation.");
    if (result == change_result::conflict)
        throw api_error(errc::conflict, std::string(conflict_detail));
}

// Text answers go through the personal-data guard: refusals always, warnings when submitting unconfirmed.
void guard_answers(const answers& given, bool submit, bool confirmed)
{
    std::vector<personal_data::finding> findings;
    for (const auto& [key, value] : given)
        if (const auto* text = std::get_if<std::string>(&value)) {
            auto found = personal_data::scan(*text, "answers." + key);
            findings.insert(findings.end(), found.begin(), found.end());
        }
    if (!submit)
        std::erase_if(findings,
                      [](const personal_data::finding& f) { return f.severity != personal_data::severity::refuse; });
    personal_data::enforce(findings, confirmed);
}

} // namespace

awaitable<std::vector<consultation>> service::list(const principal& who, std::optional<std::string> status,
                                                   std::optional<std::string> audience)
{
    field_errors errors;
    std::optional<consultation_status> wanted;
    if (status) {
        wanted = parse_consultation_status(*status);
        if (!wanted)
            errors.add("status", "must be " + validation::in_words(statuses));
    }
    if (audience)
        validation::check_choice(errors, "audience", *audience, validation::sectors);
    errors.throw_if_any("Some query parameters are not valid");
    co_return co_await store_.list({wanted, std::move(audience), policy::is_office(who),
                                    std::string(to_string(who.sector)), who.organisation_id, who.user_id});
}

awaitable<consultation> service::visible(const principal& who, std::int64_t id)
{
    auto found = co_await store_.find(id, who.organisation_id, who.user_id, std::string(to_string(who.sector)));
    if (!found || !policy::may_see(who, *found))
        throw api_error(errc::not_found, "There is no consultation " + std::to_string(id) + ".");
    co_return std::move(*found);
}

awaitable<consultation> service::office_view(const principal& who, std::int64_t id)
{
    auto c = co_await visible(who, id);
    if (!policy::is_office(who))
        throw api_error(errc::forbidden, "Only the Chief Social Workers' offices see this.");
    co_return c;
}

awaitable<consultation> service::get(const principal& who, std::int64_t id)
{
    co_return co_await visible(who, id);
}

awaitable<consultation> service::create(const principal& who, consultation_fields fields, audit_context audit)
{
    if (!policy::is_office(who))
        throw api_error(errc::forbidden, "Only the Chief Social Workers' offices create consultations.");
    field_errors errors;
    validation::check_required(errors, {{"title", fields.title.has_value()},
                                        {"summary", fields.summary.has_value()},
                                        {"audience", fields.audience.has_value()},
                                        {"opens_at", fields.opens_at.has_value()},
                                        {"closes_at", fields.closes_at.has_value()},
                                        {"response_scope", fields.response_scope.has_value()},
                                        {"questions", fields.questions.has_value()}});
    errors.throw_if_any();
    auto d = merged(consultation{}, std::move(fields));
    check_draft(d, errors);
    errors.throw_if_any();
    auto id = co_await store_.create(std::move(d), who.organisation_id, std::move(audit));
    co_return co_await visible(who, id);
}

awaitable<consultation> service::update(const principal& who, std::int64_t id, consultation_fields fields,
                                        audit_context audit)
{
    auto current = co_await office_view(who, id);
    if (current.status == consultation_status::draft) {
        auto d = merged(current, std::move(fields));
        field_errors errors;
        check_draft(d, errors);
        errors.throw_if_any();
        throw_for(co_await store_.update_draft(id, std::move(d), std::move(audit)),
                  "This consultation has been published: its questions are frozen.");
        co_return co_await visible(who, id);
    }
    if (fields.title || fields.summary || fields.audience || fields.opens_at || fields.response_scope ||
        fields.questions)
        throw api_error(errc::conflict, "This consultation has been published: only its deadline can change.");
    if (!fields.closes_at)
        co_return current;
    auto closes = time::parse_rfc3339(*fields.closes_at);
    field_errors errors;
    if (!closes)
        errors.add("closes_at", "must be a date and time such as 2027-01-15T17:00:00Z");
    else if (*closes <= time::now_seconds() || *closes <= time::parse_rfc3339(current.opens_at).value_or(0))
        errors.add("closes_at", "must be in the future and after opens_at");
    errors.throw_if_any();
    throw_for(co_await store_.set_closes_at(id, *fields.closes_at, std::move(audit)),
              "This consultation has closed: its deadline cannot change.");
    co_return co_await visible(who, id);
}

awaitable<consultation> service::publish(const principal& who, std::int64_t id, audit_context audit)
{
    co_await office_view(who, id);
    throw_for(co_await store_.publish(id, std::move(audit)),
              "Only a draft whose closing time is still in the future can be published.");
    co_return co_await visible(who, id);
}

awaitable<consultation> service::close(const principal& who, std::int64_t id, audit_context audit)
{
    co_await office_view(who, id);
    throw_for(co_await store_.close_now(id, std::move(audit)), "Only an open consultation can be closed.");
    co_return co_await visible(who, id);
}

awaitable<consultation> service::publish_outcome(const principal& who, std::int64_t id, std::string body,
                                                 bool confirm_personal_data, audit_context audit)
{
    auto c = co_await office_view(who, id);
    field_errors errors;
    validation::check_text(errors, "body", body, 50'000);
    errors.throw_if_any();
    if (c.status != consultation_status::closed)
        throw api_error(errc::conflict, c.status == consultation_status::outcome_published
                                            ? "The outcome has already been published."
                                            : "The outcome is published once the consultation has closed.");
    bool release = false;
    personal_data::enforce(personal_data::scan(body, "body"), confirm_personal_data);
    auto html = markdown::to_html(body);
    throw_for(co_await store_.claim_outcome(id, body, std::move(html), audit),
              "The outcome is published once the consultation has closed, and only once.");
    forum::new_thread announcement;
    const auto title = "You said, we did: " + c.title;
    announcement.title = text::cut_utf8(title, forum::max_title_length);
    announcement.body = std::move(body);
    announcement.sector = parse_sector(c.audience);
    announcement.kind = forum::thread_kind::announcement;
    announcement.confirm_personal_data = confirm_personal_data;
    std::int64_t thread_id = 0;
    try {
        thread_id = (co_await discussions_.create(who, std::move(announcement), audit)).summary.id;
    } catch (...) {
        release = true;
    }
    if (release) {
        co_await store_.release_outcome(id);
        throw api_error(errc::unavailable,
                        "The announcement could not be posted; the outcome was not published. Try again.");
    }
    co_await store_.finish_outcome(id, thread_id, audit.actor_user_id);
    co_return co_await visible(who, id);
}

awaitable<int> service::remind(const principal& who, std::int64_t id, audit_context audit)
{
    co_await office_view(who, id);
    co_await limits_.take(who.user_id, reminders);
    auto notified = co_await store_.remind(id, std::move(audit));
    if (notified < 0)
        throw api_error(errc::conflict, "Reminders are sent while a consultation is open.");
    co_return notified;
}

namespace {

// Whose response the caller reads or writes. A consultation of both services answered by organisations takes one
// response from each service: the one asked for, or the caller's own service (children's for someone who works in
// both); a person who works in one service does not write the other's.
respondent respondent_of(const principal& who, const consultation& c, const std::optional<std::string>& service)
{
    respondent whose{who.organisation_id, c.response_scope == "individual" ? std::optional(who.user_id) : std::nullopt,
                     std::nullopt};
    if (c.audience != "both" || c.response_scope == "individual")
        return whose;
    if (service && *service != "children" && *service != "adults")
        throw api_error(errc::validation_failed, "Some query parameters are not valid",
                        {{"service", "must be children or adults"}});
    const auto own = who.sector == sector::adults     ? std::optional<std::string>("adults")
                     : who.sector == sector::children ? std::optional<std::string>("children")
                                                      : std::nullopt;
    if (service && own && *service != *own)
        throw api_error(errc::forbidden, std::string("Your account is for ") +
                                             (*own == "adults" ? "adults'" : "children's") +
                                             " services: the other service's response is written by its own PSWs.");
    whose.service = service.value_or(own.value_or("children")); // someone in both services chooses; children's first
    return whose;
}

} // namespace

awaitable<consultation_response> service::my_response(const principal& who, std::int64_t id,
                                                      std::optional<std::string> service)
{
    auto c = co_await visible(who, id);
    if (!policy::may_respond(who, c))
        throw api_error(errc::forbidden, "The Chief Social Workers' offices read responses; they do not respond.");
    auto found = co_await responses_.find(id, respondent_of(who, c, service));
    if (!found)
        throw api_error(errc::not_found, "No response yet.");
    co_return std::move(*found);
}

awaitable<consultation_response> service::save_response(const principal& who, std::int64_t id, response_request request,
                                                        audit_context audit)
{
    auto c = co_await visible(who, id);
    if (!policy::may_respond(who, c))
        throw api_error(errc::forbidden, "The Chief Social Workers' offices read responses; they do not respond.");
    // The window first: after the deadline the answer is "closed", whatever the answers hold. The store checks it
    // again, atomically, when it saves.
    if (c.status == consultation_status::upcoming)
        throw api_error(errc::conflict, "This consultation is not open yet.");
    if (c.status != consultation_status::open)
        throw api_error(errc::conflict,
                        "This consultation closed at " + c.closes_at + ": no more responses are accepted.");
    if (!co_await responses_.may_respond(who.organisation_id, id))
        throw api_error(errc::forbidden, "Consultations are answered by local authorities, and by the trusts and "
                                         "companies that run their services.");
    std::optional<int> if_match;
    if (request.if_match) {
        static const std::regex etag(R"re(^(?:W/)?"([0-9]{1,9})"$)re");
        std::smatch m;
        if (!std::regex_match(*request.if_match, m, etag))
            throw api_error(errc::precondition_failed, "If-Match must be the ETag of the response you last read.");
        if_match = std::stoi(m[1].str());
    }
    field_errors errors;
    if (request.submit)
        check_submission(c.questions, request.answers, errors);
    else
        check_answer_shapes(c.questions, request.answers, errors);
    errors.throw_if_any(request.submit ? "Some answers need attention before you submit"
                                       : "Some answers are not valid");
    guard_answers(request.answers, request.submit, request.confirm_personal_data);
    if (request.submit)
        request.answers = asked_answers(c.questions, std::move(request.answers));

    auto whose = respondent_of(who, c, request.service);
    auto result =
        co_await responses_.save(id, whose, {std::move(request.answers), request.submit, if_match}, std::move(audit));
    switch (result) {
    case save_result::saved:
        break;
    case save_result::not_found:
        throw api_error(errc::not_found, "There is no consultation " + std::to_string(id) + ".");
    case save_result::not_yet_open:
        throw api_error(errc::conflict, "This consultation is not open yet.");
    case save_result::closed:
        throw api_error(errc::conflict,
                        "This consultation closed at " + c.closes_at + ": no more responses are accepted.");
    case save_result::stale:
        throw api_error(
            errc::precondition_failed,
            if_match ? "Someone else saved this response since you read it: reload it, then make your change again."
                     : "This response already exists: send If-Match with the ETag of the version you read.");
    }
    auto saved = co_await responses_.find(id, whose);
    co_return std::move(*saved);
}

awaitable<summary> service::summary_of(const principal& who, std::int64_t id)
{
    auto c = co_await office_view(who, id);
    auto audience = co_await responses_.audience_authorities(c.audience);
    auto submitted = co_await responses_.submitted(id);
    auto themes = co_await responses_.themes(id);
    auto tags = co_await responses_.answer_themes(id);
    co_return analyse(c, audience, submitted, std::move(themes), tags);
}

awaitable<std::pair<consultation, std::vector<submitted_response>>> service::responses(const principal& who,
                                                                                       std::int64_t id)
{
    auto c = co_await office_view(who, id);
    auto submitted = co_await responses_.submitted(id);
    co_return std::pair(std::move(c), std::move(submitted));
}

awaitable<theme> service::add_theme(const principal& who, std::int64_t id, std::string name, audit_context audit)
{
    co_await office_view(who, id);
    field_errors errors;
    validation::check_text(errors, "name", name, 100);
    errors.throw_if_any();
    auto added = co_await responses_.add_theme(id, std::move(name), std::move(audit));
    if (!added)
        throw api_error(errc::conflict, "There is already a theme with this name.");
    co_return std::move(*added);
}

awaitable<void> service::tag(const principal& who, std::int64_t id, answer_theme tag, bool on, audit_context audit)
{
    co_await office_view(who, id);
    if (!co_await responses_.tag(id, std::move(tag), on, std::move(audit)))
        throw api_error(errc::not_found, "There is no such theme, submitted response or answer in this consultation.");
}

awaitable<bool> service::may_watch(const principal& who, std::int64_t id)
{
    if (!policy::is_office(who))
        co_return false;
    co_return (co_await store_.find(id)).has_value();
}

awaitable<int> service::send_closing_notices()
{
    co_return co_await store_.send_closing_notices();
}

} // namespace pswnet::consultations
