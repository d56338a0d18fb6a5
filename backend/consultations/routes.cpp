// Consultation routes: decode the body or query, call the service, encode JSON (or CSV for the export).
#include "consultations/routes.hpp"

#include "consultations/export_csv.hpp"
#include "consultations/model_json.hpp"
#include "consultations/questions.hpp"
#include "library/model_json.hpp"
#include "net/responses.hpp"

#include <charconv>

namespace pswnet::consultations {
namespace {

using http_json::json;

std::optional<double> optional_number(const json& object, const char* name, const std::string& field,
                                      field_errors& errors)
{
    if (!object.contains(name) || object[name].is_null())
        return std::nullopt;
    if (!object[name].is_number()) {
        errors.add(field + name, "must be a number or null");
        return std::nullopt;
    }
    return object[name].get<double>();
}

std::vector<question> read_questions(const json& list, field_errors& errors)
{
    std::vector<question> questions;
    if (!list.is_array() || list.size() > max_questions) {
        errors.add("questions", "must be a list of 1 to 50 questions");
        return questions;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto prefix = "questions[" + std::to_string(i) + "].";
        http_json::object_reader reader(list[i], prefix);
        question q;
        q.key = reader.string("key", true, 100).value_or("");
        q.text = reader.string("text", true, 4000).value_or("");
        q.help_text = reader.string("help_text", false, 4000);
        q.type = reader.string("type", true, 40).value_or("");
        q.required = reader.boolean("required", false).value_or(false);
        q.options = reader.strings("options", false, 20, 200).value_or(std::vector<std::string>{});
        if (auto limit = reader.integer("word_limit", false))
            q.word_limit = static_cast<int>(std::clamp<std::int64_t>(*limit, -1, 100000));
        for (const auto& e : reader.errors().list())
            errors.add(e.field, e.message);
        if (list[i].is_object()) {
            q.min = optional_number(list[i], "min", prefix, errors);
            q.max = optional_number(list[i], "max", prefix, errors);
            if (list[i].contains("scale_labels") && !list[i]["scale_labels"].is_null()) {
                http_json::object_reader labels(list[i]["scale_labels"], prefix + "scale_labels.");
                q.scale_low = labels.string("low", true, 400);
                q.scale_high = labels.string("high", true, 400);
                for (const auto& e : labels.errors().list())
                    errors.add(e.field, e.message);
            }
            if (list[i].contains("shown_when") && !list[i]["shown_when"].is_null()) {
                http_json::object_reader condition(list[i]["shown_when"], prefix + "shown_when.");
                auto key = condition.string("question", true, 100);
                auto answer = condition.string("answer", true, 200);
                for (const auto& e : condition.errors().list())
                    errors.add(e.field, e.message);
                if (key && answer)
                    q.shown_when = question_condition{*key, *answer};
            }
        }
        questions.push_back(std::move(q));
    }
    return questions;
}

consultation_fields read_fields(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    consultation_fields f;
    f.title = reader.string("title", false, 800);
    f.summary = reader.string("summary", false, 200000);
    f.audience = reader.string("audience", false, 40);
    f.opens_at = reader.string("opens_at", false, 60);
    f.closes_at = reader.string("closes_at", false, 60);
    f.response_scope = reader.string("response_scope", false, 40);
    if (body.is_object() && body.contains("questions"))
        f.questions = read_questions(body["questions"], reader.errors());
    reader.done();
    return f;
}

std::optional<std::string> non_empty(std::optional<std::string> text)
{
    return text && !text->empty() ? std::move(text) : std::nullopt;
}

response_request read_response(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    response_request r;
    r.submit = reader.boolean("submit", false).value_or(false);
    r.confirm_personal_data = reader.boolean("confirm_personal_data", false).value_or(false);
    if (!body.is_object() || !body.contains("answers") || !body["answers"].is_object())
        reader.add_error("answers", "must be an object of question keys and answers");
    else
        for (const auto& [key, value] : body["answers"].items()) {
            if (value.is_string())
                r.answers[key] = value.get<std::string>();
            else if (value.is_number())
                r.answers[key] = value.get<double>();
            else if (value.is_array() &&
                     std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); }))
                r.answers[key] = value.get<std::vector<std::string>>();
            else if (!value.is_null())
                reader.add_error("answers." + key.substr(0, 40), "must be text, a number or a list of options");
        }
    reader.done();
    if (auto match = ctx.request[http::field::if_match]; !match.empty())
        r.if_match = std::string(match);
    r.service = non_empty(ctx.query_param("service"));
    return r;
}

response with_etag(response res, int version)
{
    res.set(http::field::etag, "\"" + std::to_string(version) + "\"");
    return res;
}

answer_theme read_tag(const request_context& ctx)
{
    auto theme_id = ctx.id_param("theme_id");
    auto response_id = ctx.id_param("response_id");
    return {theme_id, response_id, ctx.path_params.at("question_key")};
}

} // namespace

void add_routes(router& r, service& consultations, papers& papers)
{
    r.add(http::verb::get, "/api/v1/consultations/{id}/papers", [&papers](request_context& ctx) -> awaitable<response> {
        auto found = co_await papers.of(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, {{"items", json_items(found)}});
    });

    r.add(http::verb::put, "/api/v1/consultations/{id}/papers", [&papers](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        auto ids = reader.ids("resources", true, max_papers * 2).value_or(std::vector<std::int64_t>{});
        reader.done();
        auto attached = co_await papers.attach(who, ctx.id_param("id"), std::move(ids), ctx.audit());
        co_return json_response(ctx, http::status::ok, {{"items", json_items(attached)}});
    });

    r.add(http::verb::get, "/api/v1/consultations", [&consultations](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto status = ctx.query_param("status");
        auto audience = ctx.query_param("audience");
        if (status && status->empty())
            status.reset();
        if (audience && audience->empty())
            audience.reset();
        auto items = json::array();
        for (const auto& c : co_await consultations.list(who, std::move(status), std::move(audience)))
            items.push_back(to_json(c, false));
        co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}, {"next_cursor", nullptr}});
    });

    r.add(http::verb::post, "/api/v1/consultations", [&consultations](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto created = co_await consultations.create(who, read_fields(ctx), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created));
    });

    r.add(http::verb::get, "/api/v1/consultations/{id}", [&consultations](request_context& ctx) -> awaitable<response> {
        auto c = co_await consultations.get(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, to_json(c));
    });

    r.add(http::verb::patch, "/api/v1/consultations/{id}",
          [&consultations](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto updated = co_await consultations.update(who, ctx.id_param("id"), read_fields(ctx), ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(updated));
          });

    r.add(http::verb::post, "/api/v1/consultations/{id}/publish",
          [&consultations](request_context& ctx) -> awaitable<response> {
              auto c = co_await consultations.publish(ctx.signed_in(), ctx.id_param("id"), ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(c));
          });

    r.add(http::verb::post, "/api/v1/consultations/{id}/close",
          [&consultations](request_context& ctx) -> awaitable<response> {
              auto c = co_await consultations.close(ctx.signed_in(), ctx.id_param("id"), ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(c));
          });

    r.add(http::verb::post, "/api/v1/consultations/{id}/outcome",
          [&consultations](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              auto text = reader.string("body", true, 200000).value_or("");
              auto confirmed = reader.boolean("confirm_personal_data", false).value_or(false);
              reader.done();
              auto c = co_await consultations.publish_outcome(who, ctx.id_param("id"), std::move(text), confirmed,
                                                              ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(c));
          });

    r.add(http::verb::post, "/api/v1/consultations/{id}/reminders",
          [&consultations](request_context& ctx) -> awaitable<response> {
              auto notified = co_await consultations.remind(ctx.signed_in(), ctx.id_param("id"), ctx.audit());
              co_return json_response(ctx, http::status::ok, {{"notified", notified}});
          });

    r.add(http::verb::get, "/api/v1/consultations/{id}/response",
          [&consultations](request_context& ctx) -> awaitable<response> {
              auto mine = co_await consultations.my_response(ctx.signed_in(), ctx.id_param("id"),
                                                             non_empty(ctx.query_param("service")));
              co_return with_etag(json_response(ctx, http::status::ok, to_json(mine)), mine.version);
          });

    r.add(http::verb::put, "/api/v1/consultations/{id}/response",
          [&consultations](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto saved =
                  co_await consultations.save_response(who, ctx.id_param("id"), read_response(ctx), ctx.audit());
              co_return with_etag(json_response(ctx, http::status::ok, to_json(saved)), saved.version);
          });

    r.add(http::verb::get, "/api/v1/consultations/{id}/summary",
          [&consultations](request_context& ctx) -> awaitable<response> {
              auto s = co_await consultations.summary_of(ctx.signed_in(), ctx.id_param("id"));
              co_return json_response(ctx, http::status::ok, to_json(s));
          });

    r.add(http::verb::get, "/api/v1/consultations/{id}/responses",
          [&consultations](request_context& ctx) -> awaitable<response> {
              auto [c, submitted] = co_await consultations.responses(ctx.signed_in(), ctx.id_param("id"));
              if (ctx.request[http::field::accept].find("text/csv") != std::string_view::npos) {
                  response res{http::status::ok, ctx.request.version()};
                  res.set(http::field::content_type, "text/csv; charset=utf-8");
                  res.set(http::field::content_disposition,
                          "attachment; filename=\"consultation-" + std::to_string(c.id) + "-responses.csv\"");
                  res.set(http::field::cache_control, "no-store");
                  res.body() = responses_csv(c, submitted);
                  res.prepare_payload();
                  co_return res;
              }
              auto items = json::array();
              for (const auto& s : submitted)
                  items.push_back(to_json(s));
              co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}, {"next_cursor", nullptr}});
          });

    r.add(http::verb::post, "/api/v1/consultations/{id}/themes",
          [&consultations](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              auto name = reader.string("name", true, 400).value_or("");
              reader.done();
              auto t = co_await consultations.add_theme(who, ctx.id_param("id"), std::move(name), ctx.audit());
              co_return json_response(ctx, http::status::created, to_json(t));
          });

    for (auto verb : {http::verb::put, http::verb::delete_})
        r.add(verb, "/api/v1/consultations/{id}/themes/{theme_id}/answers/{response_id}/{question_key}",
              [&consultations, on = verb == http::verb::put](request_context& ctx) -> awaitable<response> {
                  co_await consultations.tag(ctx.signed_in(), ctx.id_param("id"), read_tag(ctx), on, ctx.audit());
                  co_return no_content(ctx);
              });
}

void add_channel_rules(realtime::channel_policy& policy, service& consultations)
{
    policy.add("consultation", [&consultations](const principal& who, std::string key) -> awaitable<bool> {
        std::int64_t id = 0;
        auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
        if (ec != std::errc{} || ptr != key.data() + key.size())
            co_return false;
        co_return co_await consultations.may_watch(who, id);
    });
}

} // namespace pswnet::consultations
