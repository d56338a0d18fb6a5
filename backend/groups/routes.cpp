// Group routes: decode, call the service, encode.
#include "groups/routes.hpp"

#include "groups/model_json.hpp"
#include "net/pagination.hpp"
#include "net/query_params.hpp"
#include "net/responses.hpp"

#include <charconv>

namespace pswnet::groups {
namespace {

// Presence and values are checked by the service, so one answer names every field at fault.
group_change read_change(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    group_change change;
    change.name = reader.string("name", false, max_name_length * 4);
    change.description = reader.string("description", false, max_description_length * 4);
    change.kind = reader.string("kind", false, 40);
    change.privacy = reader.string("privacy", false, 40);
    change.sector = reader.string("sector", false, 40);
    change.region_code = reader.string("region_code", false, 40);
    reader.done();
    return change;
}

} // namespace

void add_routes(router& r, service& groups)
{
    r.add(http::verb::get, "/api/v1/groups", [&groups](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto page = read_page_request(ctx, 50, 100);
        group_filter filter{.q = text_query(ctx, "q"),
                            .kind = text_query(ctx, "kind"),
                            .sector = text_query(ctx, "sector"),
                            .mine = boolean_query(ctx, "mine"),
                            .limit = page.limit,
                            .after_id = page.after_id};
        auto result = co_await groups.list(who, std::move(filter));
        auto items = nlohmann::json::array();
        for (const auto& g : result.items)
            items.push_back(to_json(g, who));
        co_return json_response(ctx, http::status::ok, page_envelope(std::move(items), result.next_after_id));
    });

    r.add(http::verb::post, "/api/v1/groups", [&groups](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto created = co_await groups.create(who, read_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created, who));
    });

    r.add(http::verb::get, "/api/v1/groups/{id}", [&groups](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        co_return json_response(ctx, http::status::ok, to_json(co_await groups.get(who, ctx.id_param("id")), who));
    });

    r.add(http::verb::patch, "/api/v1/groups/{id}", [&groups](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto updated = co_await groups.update(who, ctx.id_param("id"), read_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(updated, who));
    });

    r.add(http::verb::get, "/api/v1/groups/{id}/members", [&groups](request_context& ctx) -> awaitable<response> {
        auto found = co_await groups.members(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, {{"items", json_items(found)}});
    });

    r.add(http::verb::post, "/api/v1/groups/{id}/members", [&groups](request_context& ctx) -> awaitable<response> {
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        new_member added;
        added.person_id = reader.integer("person_id", false);
        added.email = reader.string("email", false, 320);
        added.role = reader.string("role", false, 40).value_or("member");
        reader.done();
        auto m = co_await groups.add_member(ctx.signed_in(), ctx.id_param("id"), std::move(added), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(m));
    });

    r.add(http::verb::patch, "/api/v1/groups/{id}/members/{person_id}",
          [&groups](request_context& ctx) -> awaitable<response> {
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              auto role = reader.string("role", true, 40);
              reader.done();
              auto m = co_await groups.set_role(ctx.signed_in(), ctx.id_param("id"), ctx.id_param("person_id"), *role,
                                                ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(m));
          });

    r.add(http::verb::delete_, "/api/v1/groups/{id}/members/{person_id}",
          [&groups](request_context& ctx) -> awaitable<response> {
              co_await groups.remove_member(ctx.signed_in(), ctx.id_param("id"), ctx.id_param("person_id"),
                                            ctx.audit());
              co_return no_content(ctx);
          });

    r.add(http::verb::post, "/api/v1/groups/{id}/join", [&groups](request_context& ctx) -> awaitable<response> {
        std::string message;
        if (!ctx.request.body().empty()) {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            message = reader.string("message", false, max_request_message_length * 4).value_or("");
            reader.done();
        }
        const auto& who = ctx.signed_in();
        auto id = ctx.id_param("id");
        auto outcome = co_await groups.join(who, id, std::move(message), ctx.audit());
        auto g = co_await groups.get(who, id);
        co_return json_response(ctx, outcome == join_outcome::joined ? http::status::ok : http::status::accepted,
                                to_json(g, who));
    });

    r.add(http::verb::delete_, "/api/v1/groups/{id}/join", [&groups](request_context& ctx) -> awaitable<response> {
        co_await groups.withdraw_request(ctx.signed_in(), ctx.id_param("id"), ctx.audit());
        co_return no_content(ctx);
    });

    r.add(http::verb::get, "/api/v1/groups/{id}/join-requests", [&groups](request_context& ctx) -> awaitable<response> {
        auto found = co_await groups.requests(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, {{"items", json_items(found)}});
    });

    for (auto [path, approve] : {std::pair{"/api/v1/groups/{id}/join-requests/{request_id}/approve", true},
                                 std::pair{"/api/v1/groups/{id}/join-requests/{request_id}/decline", false}})
        r.add(http::verb::post, path, [&groups, approve](request_context& ctx) -> awaitable<response> {
            co_await groups.decide(ctx.signed_in(), ctx.id_param("id"), ctx.id_param("request_id"), approve,
                                   ctx.audit());
            co_return no_content(ctx);
        });
}

void add_channel_rules(realtime::channel_policy& policy, service& groups)
{
    policy.add("group", [&groups](const principal& who, std::string key) -> awaitable<bool> {
        std::int64_t id = 0;
        auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
        if (ec != std::errc{} || ptr != key.data() + key.size())
            co_return false;
        co_return co_await groups.may_read_content(who, id);
    });
}

} // namespace pswnet::groups
