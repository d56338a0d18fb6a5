// Meetings' routes: decode, call the services, encode.
#include "meetings/routes.hpp"

#include "core/sizes.hpp"
#include "meetings/icalendar.hpp"
#include "meetings/model_json.hpp"
#include "net/pagination.hpp"
#include "net/query_params.hpp"
#include "net/responses.hpp"

namespace pswnet::meetings {
namespace {

using nlohmann::json;

// Presence and values are checked by the service, so one answer names every field at fault. A null online_url
// removes the link.
meeting_change read_meeting_change(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    meeting_change change;
    change.title = reader.string("title", false, max_title_length * 4);
    change.date = reader.string("date", false, 20);
    change.start_time = reader.string("start_time", false, 20);
    change.end_time = reader.string("end_time", false, 20);
    change.location = reader.string("location", false, max_location_length * 4);
    change.online_url = reader.string("online_url", false, max_url_length);
    change.clear_online_url = body.is_object() && body.contains("online_url") && body["online_url"].is_null();
    change.agenda = reader.string("agenda", false, max_agenda_length * 4);
    change.paper_ids = reader.ids("paper_ids", false, max_papers);
    reader.done();
    return change;
}

action_change read_action_change(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    action_change change;
    change.title = reader.string("title", false, max_action_title_length * 4);
    change.owner_id = reader.integer("owner_id", false);
    change.due_on = reader.string("due_on", false, 20);
    change.meeting_id = reader.integer("meeting_id", false);
    change.done = reader.boolean("done", false);
    reader.done();
    return change;
}

action_state read_state(const request_context& ctx)
{
    auto state = text_query(ctx, "state").value_or("open");
    if (state == "open")
        return action_state::open;
    if (state == "done")
        return action_state::done;
    if (state == "all")
        return action_state::all;
    throw api_error(errc::validation_failed, "The query is not valid.", {{"state", "must be open, done or all"}});
}

bool read_past(const request_context& ctx)
{
    auto when = text_query(ctx, "when").value_or("upcoming");
    if (when != "upcoming" && when != "past")
        throw api_error(errc::validation_failed, "The query is not valid.", {{"when", "must be upcoming or past"}});
    return when == "past";
}

icalendar::links links_of(const request_context& ctx)
{
    auto host = ctx.origin.substr(ctx.origin.find("://") + 3);
    return {ctx.origin, host.substr(0, host.find(':'))};
}

response calendar_response(const request_context& ctx, std::string text, const std::string& filename)
{
    response res{http::status::ok, ctx.request.version()};
    res.set(http::field::content_type, "text/calendar; charset=utf-8");
    res.set(http::field::content_disposition, "attachment; filename=\"" + filename + "\"");
    res.set(http::field::cache_control, "private, no-cache");
    res.body() = std::move(text);
    res.prepare_payload();
    return res;
}

void add_group_routes(router& r, service& meetings, actions& actions)
{
    r.add(http::verb::get, "/api/v1/groups/{id}/meetings", [&meetings](request_context& ctx) -> awaitable<response> {
        auto page = read_page_request(ctx, 20, 100);
        meeting_filter filter{.past = read_past(ctx), .limit = page.limit, .after_id = page.after_id};
        auto found = co_await meetings.list(ctx.signed_in(), ctx.id_param("id"), filter);
        co_return json_response(ctx, http::status::ok, page_envelope(json_items(found.items), found.next_after_id));
    });

    r.add(http::verb::post, "/api/v1/groups/{id}/meetings", [&meetings](request_context& ctx) -> awaitable<response> {
        auto created =
            co_await meetings.create(ctx.signed_in(), ctx.id_param("id"), read_meeting_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created));
    });

    r.add(http::verb::get, "/api/v1/groups/{id}/actions", [&actions](request_context& ctx) -> awaitable<response> {
        auto found = co_await actions.list(ctx.signed_in(), ctx.id_param("id"), read_state(ctx));
        co_return json_response(ctx, http::status::ok, {{"items", json_items(found)}});
    });

    r.add(http::verb::post, "/api/v1/groups/{id}/actions", [&actions](request_context& ctx) -> awaitable<response> {
        auto created =
            co_await actions.create(ctx.signed_in(), ctx.id_param("id"), read_action_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created));
    });

    r.add(http::verb::patch, "/api/v1/actions/{id}", [&actions](request_context& ctx) -> awaitable<response> {
        auto changed =
            co_await actions.update(ctx.signed_in(), ctx.id_param("id"), read_action_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(changed));
    });
}

void add_meeting_routes(router& r, service& meetings)
{
    r.add(http::verb::get, "/api/v1/meetings/{id}", [&meetings](request_context& ctx) -> awaitable<response> {
        co_return json_response(ctx, http::status::ok,
                                to_json(co_await meetings.get(ctx.signed_in(), ctx.id_param("id"))));
    });

    r.add(http::verb::patch, "/api/v1/meetings/{id}", [&meetings](request_context& ctx) -> awaitable<response> {
        auto changed =
            co_await meetings.update(ctx.signed_in(), ctx.id_param("id"), read_meeting_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(changed));
    });

    r.add(http::verb::post, "/api/v1/meetings/{id}/cancel", [&meetings](request_context& ctx) -> awaitable<response> {
        std::string reason;
        if (!ctx.request.body().empty()) {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            reason = reader.string("reason", false, max_reason_length * 4).value_or("");
            reader.done();
        }
        auto cancelled = co_await meetings.cancel(ctx.signed_in(), ctx.id_param("id"), std::move(reason), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(cancelled));
    });

    r.add(http::verb::put, "/api/v1/meetings/{id}/rsvp", [&meetings](request_context& ctx) -> awaitable<response> {
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        auto answer = reader.string("answer", true, 40);
        reader.done();
        auto answered = co_await meetings.answer(ctx.signed_in(), ctx.id_param("id"), *answer);
        co_return json_response(ctx, http::status::ok, to_json(answered));
    });

    r.add(http::verb::get, "/api/v1/meetings/{id}/attendees", [&meetings](request_context& ctx) -> awaitable<response> {
        auto found = co_await meetings.attendees(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, {{"items", json_items(found)}});
    });

    r.add(http::verb::post, "/api/v1/meetings/{id}/minutes",
          [&meetings](request_context& ctx) -> awaitable<response> {
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              auto text = reader.string("body", true, max_minutes_length * 4);
              auto confirmed = reader.boolean("confirm_personal_data", false).value_or(false);
              reader.done();
              auto posted = co_await meetings.post_minutes(ctx.signed_in(), ctx.id_param("id"), std::move(*text),
                                                           confirmed, ctx.audit());
              co_return json_response(ctx, http::status::created, to_json(posted));
          },
          {.body_limit = 256 * kib});

    r.add(http::verb::get, "/api/v1/meetings/{id}/meeting.ics",
          [&meetings](request_context& ctx) -> awaitable<response> {
              auto found = co_await meetings.get(ctx.signed_in(), ctx.id_param("id"));
              const auto& m = found.view.m;
              co_return calendar_response(ctx, icalendar::meeting_file(m, links_of(ctx)),
                                          "meeting-" + std::to_string(m.id) + ".ics");
          });
}

void add_feed_routes(router& r, calendar_feeds& feeds)
{
    r.add(http::verb::get, "/api/v1/me/calendar-feed", [&feeds](request_context& ctx) -> awaitable<response> {
        co_return json_response(ctx, http::status::ok, to_json(co_await feeds.state(ctx.signed_in())));
    });

    r.add(http::verb::post, "/api/v1/me/calendar-feed", [&feeds](request_context& ctx) -> awaitable<response> {
        auto made = co_await feeds.create(ctx.signed_in(), ctx.origin, ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(made));
    });

    r.add(http::verb::delete_, "/api/v1/me/calendar-feed", [&feeds](request_context& ctx) -> awaitable<response> {
        co_await feeds.revoke(ctx.signed_in(), ctx.audit());
        co_return no_content(ctx);
    });

    r.add(http::verb::get, "/api/v1/calendar-feeds/{token}/meetings.ics",
          [&feeds](request_context& ctx) -> awaitable<response> {
              const auto& token = ctx.path_params.at("token");
              if (token.size() > 100)
                  throw api_error(errc::not_found, "There is no such calendar feed.");
              auto found = co_await feeds.meetings_for(token);
              co_return calendar_response(ctx, icalendar::feed(found, links_of(ctx)), "meetings.ics");
          });
}

} // namespace

void add_routes(router& r, service& meetings, actions& actions, calendar_feeds& feeds)
{
    add_group_routes(r, meetings, actions);
    add_meeting_routes(r, meetings);
    add_feed_routes(r, feeds);
}

} // namespace pswnet::meetings
