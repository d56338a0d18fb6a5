// Comparator group routes: decode the body, call the rules, encode the answer.
#include "directory/model_json.hpp"
#include "directory/routes.hpp"
#include "net/responses.hpp"

namespace pswnet::directory {
namespace {

comparator_group_change read_change(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    comparator_group_change change;
    change.name = reader.string("name", true, 80).value_or("");
    change.member_ids =
        reader.ids("members", true, max_comparator_group_members * 2).value_or(std::vector<std::int64_t>{});
    reader.done();
    return change;
}

} // namespace

void add_comparator_group_routes(router& r, comparator_groups& groups)
{
    r.add(http::verb::get, "/api/v1/comparator-groups", [&groups](request_context& ctx) -> awaitable<response> {
        auto items = http_json::json::array();
        for (const auto& g : co_await groups.list(ctx.signed_in()))
            items.push_back(to_json(g));
        co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}});
    });

    r.add(http::verb::post, "/api/v1/comparator-groups", [&groups](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto created = co_await groups.create(who, read_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created));
    });

    r.add(http::verb::get, "/api/v1/comparator-groups/{id}", [&groups](request_context& ctx) -> awaitable<response> {
        auto group = co_await groups.get(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, to_json(group));
    });

    r.add(http::verb::put, "/api/v1/comparator-groups/{id}", [&groups](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto updated = co_await groups.update(who, ctx.id_param("id"), read_change(ctx), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(updated));
    });

    r.add(http::verb::delete_, "/api/v1/comparator-groups/{id}",
          [&groups](request_context& ctx) -> awaitable<response> {
              co_await groups.remove(ctx.signed_in(), ctx.id_param("id"), ctx.audit());
              co_return no_content(ctx);
          });
}

} // namespace pswnet::directory
