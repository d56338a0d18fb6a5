// Moderation routes: flags from members, and the moderators' queue and actions.
#include "forum/model_json.hpp"
#include "forum/routes.hpp"
#include "net/pagination.hpp"
#include "net/responses.hpp"

namespace pswnet::forum {
namespace {

std::string required_reason(const request_context& ctx)
{
    auto json = ctx.json_body();
    http_json::object_reader reader(json);
    auto reason = reader.string("reason", true, max_flag_reason_length * 4);
    reader.done();
    return *reason;
}

} // namespace

void add_moderation_routes(router& r, moderation_service& moderation)
{
    r.add(http::verb::post, "/api/v1/posts/{id}/flags", [&moderation](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto id = ctx.id_param("id");
        auto json = ctx.json_body();
        http_json::object_reader reader(json);
        auto reason = reader.string("reason", true, max_flag_reason_length * 4);
        reader.done();
        auto flag_id = co_await moderation.flag_post(who, id, *reason, ctx.audit());
        co_return json_response(ctx, http::status::created, {{"id", flag_id}});
    });

    r.add(http::verb::get, "/api/v1/moderation/flags", [&moderation](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto page = read_page_request(ctx, 20);
        auto status = ctx.query_param("status").value_or("open");
        if (status != "open" && status != "resolved")
            throw api_error(errc::validation_failed, "Some query parameters are not valid",
                            {{"status", "must be open or resolved"}});
        auto result = co_await moderation.queue(who, status == "open", page.limit, page.after_id);
        auto items = nlohmann::json::array();
        for (const auto& f : result.items)
            items.push_back(to_json(f));
        co_return json_response(ctx, http::status::ok, page_envelope(std::move(items), result.next_after_id));
    });

    r.add(http::verb::post, "/api/v1/moderation/flags/{id}/resolve",
          [&moderation](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto id = ctx.id_param("id");
              auto json = ctx.json_body();
              http_json::object_reader reader(json);
              auto resolution = reader.string("resolution", true, 20);
              reader.done();
              co_await moderation.resolve(who, id, *resolution, ctx.audit());
              co_return json_response(ctx, http::status::ok, {{"id", id}, {"resolution", *resolution}});
          });

    for (bool hide : {true, false})
        r.add(http::verb::post, hide ? "/api/v1/posts/{id}/hide" : "/api/v1/posts/{id}/unhide",
              [&moderation, hide](request_context& ctx) -> awaitable<response> {
                  const auto& who = ctx.signed_in();
                  auto id = ctx.id_param("id");
                  auto reason = hide ? required_reason(ctx) : std::string{};
                  auto post = co_await moderation.set_hidden(who, id, hide, std::move(reason), ctx.audit());
                  co_return json_response(ctx, http::status::ok, to_json(post));
              });

    for (bool lock : {true, false})
        r.add(http::verb::post, lock ? "/api/v1/threads/{id}/lock" : "/api/v1/threads/{id}/unlock",
              [&moderation, lock](request_context& ctx) -> awaitable<response> {
                  auto summary = co_await moderation.set_locked(ctx.signed_in(), ctx.id_param("id"), lock, ctx.audit());
                  co_return json_response(ctx, http::status::ok, to_json(summary));
              });
}

} // namespace pswnet::forum
