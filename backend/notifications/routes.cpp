#include "notifications/routes.hpp"

#include "core/sizes.hpp"
#include "net/pagination.hpp"
#include "net/responses.hpp"
#include "notifications/model_json.hpp"

namespace pswnet::notifications {
namespace {

nlohmann::json target_json(const unsubscribe_target& t, bool done)
{
    return {{"kind", t.kind}, {"label", t.label}, {"unsubscribed", done}};
}

// {"kinds": [{"kind", "delivery"}], "digest": {"hour", "day"}}: kinds left out go back to their defaults.
settings read_settings(const http_json::json& body)
{
    http_json::object_reader reader(body);
    settings chosen;
    for (const auto& k : kinds())
        chosen.kinds.push_back({std::string(k.name), k.default_delivery});
    const auto* list = body.is_object() && body.contains("kinds") ? &body["kinds"] : nullptr;
    if (!list)
        reader.add_error("kinds", "is required");
    else if (!list->is_array() || list->size() > 50)
        reader.add_error("kinds", "must be a list of at most 50 {\"kind\", \"delivery\"} objects");
    else if (list)
        for (std::size_t i = 0; i < list->size(); ++i) {
            http_json::object_reader item((*list)[i], "kinds[" + std::to_string(i) + "].");
            auto kind = item.string("kind", true, 40);
            auto chosen_delivery = item.string("delivery", true, 20);
            const auto* info = kind ? find_kind(*kind) : nullptr;
            if (kind && !info)
                item.add_error("kind", "is not a kind of notification");
            auto d = chosen_delivery ? parse_delivery(*chosen_delivery) : std::nullopt;
            if (chosen_delivery && !d)
                item.add_error("delivery", "must be immediate, daily, weekly or off");
            else if (info && info->fixed && d && *d != info->default_delivery)
                item.add_error("delivery", "must be immediate: emails about your own account cannot be turned off");
            for (const auto& e : item.errors().list())
                reader.errors().add(e.field, e.message);
            if (info && d)
                for (auto& setting : chosen.kinds)
                    if (setting.kind == info->name)
                        setting.delivery = *d;
        }
    const auto* digest = body.is_object() && body.contains("digest") ? &body["digest"] : nullptr;
    if (!digest)
        reader.add_error("digest", "is required");
    else if (!digest->is_object())
        reader.add_error("digest", "must be an object with hour and day");
    else if (digest) {
        http_json::object_reader d(*digest, "digest.");
        auto hour = d.integer("hour", true);
        if (hour && (*hour < 0 || *hour > 23))
            d.add_error("hour", "must be a whole number from 0 to 23");
        auto day = d.string("day", true, 20);
        auto weekday = day ? parse_weekday(*day) : std::nullopt;
        if (day && !weekday)
            d.add_error("day", "must be monday, tuesday, wednesday, thursday, friday, saturday or sunday");
        for (const auto& e : d.errors().list())
            reader.errors().add(e.field, e.message);
        if (hour && weekday && *hour >= 0 && *hour <= 23) {
            chosen.digest_hour = static_cast<int>(*hour);
            chosen.digest_weekday = *weekday;
        }
    }
    reader.done();
    return chosen;
}

} // namespace

void add_routes(router& r, service& notifications)
{
    r.add(http::verb::get, "/api/v1/notifications", [&notifications](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto page = read_page_request(ctx, 20);
        bool unread = ctx.query_param("unread") == "true";
        auto result = co_await notifications.notifications(who, unread, page.limit, page.after_id);
        auto items = nlohmann::json::array();
        for (const auto& n : result.items)
            items.push_back(to_json(n));
        auto body = page_envelope(std::move(items), result.next_after_id);
        body["unread_count"] = result.unread_count;
        co_return json_response(ctx, http::status::ok, body);
    });

    r.add(http::verb::post, "/api/v1/notifications/read",
          [&notifications](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto json = ctx.json_body();
              http_json::object_reader reader(json);
              auto all = reader.boolean("all", false).value_or(false);
              std::vector<std::int64_t> ids;
              if (!all) {
                  if (!json.is_object() || !json.contains("ids") || !json["ids"].is_array() || json["ids"].empty() ||
                      json["ids"].size() > 100)
                      reader.add_error("ids", "must be a list of 1 to 100 notification ids, or send \"all\": true");
                  else
                      for (const auto& id : json["ids"]) {
                          if (auto value = http_json::int64_of(id))
                              ids.push_back(*value);
                          else
                              reader.add_error("ids", "must contain only ids");
                      }
              }
              reader.done();
              co_await notifications.mark_read(who, std::move(ids), ctx.audit());
              co_return no_content(ctx);
          });

    r.add(http::verb::get, "/api/v1/me/notification-settings",
          [&notifications](request_context& ctx) -> awaitable<response> {
              auto s = co_await notifications.settings_of(ctx.signed_in());
              co_return json_response(ctx, http::status::ok, to_json(s));
          });

    r.add(http::verb::put, "/api/v1/me/notification-settings",
          [&notifications](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto chosen = read_settings(ctx.json_body());
              auto s = co_await notifications.save_settings(who, std::move(chosen), ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(s));
          });

    // The link in an email's footer opens a page that shows this; mail clients POST (RFC 8058) without signing in.
    r.add(http::verb::get, "/api/v1/unsubscribe/{token}",
          [&notifications](request_context& ctx) -> awaitable<response> {
              auto target = co_await notifications.unsubscribe_target_of(ctx.path_params.find("token")->second);
              co_return json_response(ctx, http::status::ok, target_json(target, false));
          });
    r.add(http::verb::post, "/api/v1/unsubscribe/{token}",
          [&notifications](request_context& ctx) -> awaitable<response> {
              auto target = co_await notifications.unsubscribe(ctx.path_params.find("token")->second, ctx.audit());
              co_return json_response(ctx, http::status::ok, target_json(target, true));
          },
          {.body_limit = 4 * kib, .csrf_exempt = true});

    r.add(http::verb::get, "/api/v1/admin/outbox", [&notifications](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto page = read_page_request(ctx, 50);
        auto status = ctx.query_param("status");
        if (status && *status != "queued" && *status != "sent" && *status != "failed")
            throw api_error(errc::validation_failed, "The query is not valid.",
                            {{"status", "must be queued, sent or failed"}});
        auto result = co_await notifications.outbox(who, status, page.limit, page.after_id);
        auto items = nlohmann::json::array();
        for (const auto& e : result.items)
            items.push_back(to_json(e));
        auto body = page_envelope(std::move(items), result.next_after_id);
        body["counts"] = {{"queued", result.queued}, {"sent", result.sent}, {"failed", result.failed}};
        co_return json_response(ctx, http::status::ok, body);
    });
}

} // namespace pswnet::notifications
