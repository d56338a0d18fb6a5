// Discussion routes: decode, call the service, encode.
#include "forum/routes.hpp"

#include "forum/model_json.hpp"
#include "net/pagination.hpp"
#include "net/query_params.hpp"
#include "net/responses.hpp"

#include <charconv>

namespace pswnet::forum {
namespace {

struct body_and_confirmation {
    std::string body;
    bool confirmed = false;
};

body_and_confirmation read_body(const request_context& ctx)
{
    auto json = ctx.json_body();
    http_json::object_reader reader(json);
    auto body = reader.string("body", true, max_body_length * 4);
    auto confirmed = reader.boolean("confirm_personal_data", false);
    reader.done();
    return {*body, confirmed.value_or(false)};
}

} // namespace

void add_routes(router& r, service& discussions)
{
    r.add(http::verb::get, "/api/v1/threads",
          [&discussions](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto page = read_page_request(ctx, 20, 100, cursor_kind::position);
              thread_filter filter{.sector = text_query(ctx, "sector"),
                                   .tag = text_query(ctx, "tag"),
                                   .q = text_query(ctx, "q"),
                                   .status = text_query(ctx, "status"),
                                   .organisation_id = integer_query(ctx, "organisation_id"),
                                   .region = text_query(ctx, "region"),
                                   .kind = text_query(ctx, "kind"),
                                   .group_id = integer_query(ctx, "group_id"),
                                   .limit = page.limit};
              if (boolean_query(ctx, "addressed_to_me"))
                  filter.addressed_to = who.organisation_id;
              if (page.after_position) {
                  filter.after_activity = page.after_position->key;
                  filter.after_id = page.after_position->id;
              }
              auto result = co_await discussions.list(who, std::move(filter));
              std::optional<keyset_position> next;
              if (result.next_after_id)
                  next = keyset_position{*result.next_after_activity, *result.next_after_id};
              co_return json_response(ctx, http::status::ok, page_envelope(json_items(result.items), next));
          },
          {.cached_in = hot_reads::discussions});

    r.add(http::verb::post, "/api/v1/threads",
          [&discussions](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto json = ctx.json_body();
              http_json::object_reader reader(json);
              new_thread request;
              // Presence and values are checked by the service, so one answer names every field at fault.
              request.title = reader.string("title", false, max_title_length * 4).value_or("");
              request.body = reader.string("body", false, max_body_length * 4).value_or("");
              request.sector = parse_sector(reader.string("sector", false, 20).value_or(""));
              request.kind = parse_thread_kind(reader.string("kind", false, 20).value_or(""));
              request.tags = reader.strings("tags", false, 20, 100).value_or(std::vector<std::string>{});
              request.audience = reader.string("audience", false, 40).value_or("network");
              request.confirm_personal_data = reader.boolean("confirm_personal_data", false).value_or(false);
              request.audience_organisation_ids =
                  reader.ids("audience_organisation_ids", false, 50).value_or(std::vector<std::int64_t>{});
              request.audience_group_id = reader.integer("audience_group_id", false);
              request.group_id = reader.integer("group_id", false);
              reader.done();
              auto created = co_await discussions.create(who, std::move(request), ctx.audit());
              co_return json_response(ctx, http::status::created, to_json(created));
          },
          {.changes = hot_reads::discussions});

    r.add(http::verb::get, "/api/v1/threads/similar", [&discussions](request_context& ctx) -> awaitable<response> {
        auto found = co_await discussions.similar(ctx.signed_in(), ctx.query_param("title").value_or(""));
        co_return json_response(ctx, http::status::ok, {{"items", json_items(found)}});
    });

    r.add(http::verb::get, "/api/v1/threads/{id}",
          [&discussions](request_context& ctx) -> awaitable<response> {
              auto t = co_await discussions.get(ctx.signed_in(), ctx.id_param("id"));
              if (t.first_view)
                  ctx.changed |= hot_reads::discussions; // its view count, in the thread and in lists
              co_return json_response(ctx, http::status::ok, to_json(t));
          },
          {.cached_in = hot_reads::discussions});

    r.add(http::verb::post, "/api/v1/threads/{id}/posts",
          [&discussions](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto id = ctx.id_param("id");
              auto [body, confirmed] = read_body(ctx);
              auto created = co_await discussions.reply(who, id, std::move(body), confirmed, ctx.audit());
              co_return json_response(ctx, http::status::created, to_json(created));
          },
          {.changes = hot_reads::discussions});

    r.add(http::verb::patch, "/api/v1/posts/{id}",
          [&discussions](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto id = ctx.id_param("id");
              auto [body, confirmed] = read_body(ctx);
              auto edited = co_await discussions.edit(who, id, std::move(body), confirmed, ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(edited));
          },
          {.changes = hot_reads::discussions});

    r.add(http::verb::get, "/api/v1/posts/{id}/revisions", [&discussions](request_context& ctx) -> awaitable<response> {
        auto found = co_await discussions.revisions(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, {{"items", json_items(found)}});
    });

    r.add(http::verb::post, "/api/v1/threads/{id}/accept",
          [&discussions](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto id = ctx.id_param("id");
              auto json = ctx.json_body();
              http_json::object_reader reader(json);
              if (json.is_object() && !json.contains("post_id"))
                  reader.add_error("post_id", "is required (null to withdraw the acceptance)");
              auto post_id = reader.integer("post_id", false);
              reader.done();
              auto t = co_await discussions.accept(who, id, post_id, ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(t));
          },
          {.changes = hot_reads::discussions});

    r.add(http::verb::post, "/api/v1/posts/{id}/reactions",
          [&discussions](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto id = ctx.id_param("id");
              auto json = ctx.json_body();
              http_json::object_reader reader(json);
              auto kind = reader.string("kind", true, 20);
              reader.done();
              auto state = co_await discussions.react(who, id, *kind, ctx.audit());
              co_return json_response(ctx, http::status::ok,
                                      {{"reactions", to_json(state.reactions)}, {"my_reactions", state.my_reactions}});
          },
          {.changes = hot_reads::discussions});

    for (auto method : {http::verb::put, http::verb::delete_})
        r.add(method, "/api/v1/threads/{id}/subscription",
              [&discussions, method](request_context& ctx) -> awaitable<response> {
                  co_await discussions.set_subscription(ctx.signed_in(), ctx.id_param("id"), method == http::verb::put,
                                                        ctx.audit());
                  co_return no_content(ctx);
              },
              {.changes = hot_reads::discussions});
}

void add_channel_rules(realtime::channel_policy& policy, service& discussions)
{
    policy.add("thread", [&discussions](const principal& who, std::string key) -> awaitable<bool> {
        std::int64_t id = 0;
        auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
        if (ec != std::errc{} || ptr != key.data() + key.size())
            co_return false;
        co_return co_await discussions.may_read_thread(who, id);
    });
    policy.add("sector", [](const principal&, std::string key) -> awaitable<bool> {
        co_return key == "children" || key == "adults" || key == "both";
    });
}

} // namespace pswnet::forum
