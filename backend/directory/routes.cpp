// Directory routes: decode the query, call the service, encode the answer.
#include "directory/routes.hpp"

#include "directory/model_json.hpp"
#include "net/pagination.hpp"
#include "net/responses.hpp"

namespace pswnet::directory {

void add_routes(router& r, service& directory)
{
    r.add(http::verb::get, "/api/v1/organisations",
          [&directory](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto page = read_page_request(ctx);
              organisation_filter filter{ctx.query_param("kind"), ctx.query_param("region"), ctx.query_param("q"),
                                         page.limit, page.after_id};
              auto result = co_await directory.list(who, std::move(filter));
              auto items = http_json::json::array();
              for (const auto& o : result.items)
                  items.push_back(to_json(o));
              co_return json_response(ctx, http::status::ok, page_envelope(std::move(items), result.next_after_id));
          },
          {.cached_in = hot_reads::directory});

    r.add(http::verb::post, "/api/v1/organisations", [&directory](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        new_employer employer;
        // Presence and values are checked by the service, so one answer names every field at fault.
        employer.kind = reader.string("kind", false, 40).value_or("");
        employer.name = reader.string("name", false, 800).value_or("");
        employer.code = reader.string("code", false, 100).value_or("");
        employer.region_code = reader.string("region_code", false, 20);
        employer.services = reader.string("services", false, 20).value_or("");
        employer.works_for = reader.ids("works_for", false, 40).value_or(std::vector<std::int64_t>{});
        reader.done();
        auto created = co_await directory.add_employer(who, std::move(employer), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created));
    });

    r.add(http::verb::get, "/api/v1/organisations/{id}",
          [&directory](request_context& ctx) -> awaitable<response> {
              auto organisation = co_await directory.get(ctx.signed_in(), ctx.id_param("id"));
              co_return json_response(ctx, http::status::ok, to_json(organisation));
          },
          {.cached_in = hot_reads::directory});

    r.add(http::verb::get, "/api/v1/organisations/{id}/neighbours",
          [&directory](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto id = ctx.id_param("id");
              auto group_name = ctx.query_param("group").value_or("statistical");
              neighbour_group group;
              if (group_name == "statistical")
                  group = neighbour_group::statistical;
              else if (group_name == "region")
                  group = neighbour_group::region;
              else
                  throw api_error(errc::validation_failed, "Some query parameters are not valid",
                                  {{"group", "must be statistical or region"}});
              auto neighbours = co_await directory.neighbours(who, id, group);
              auto items = http_json::json::array();
              for (const auto& n : neighbours)
                  items.push_back(to_json(n));
              co_return json_response(ctx, http::status::ok,
                                      {{"group", group_name}, {"organisation_id", id}, {"items", std::move(items)}});
          },
          {.cached_in = hot_reads::directory});

    r.add(http::verb::get, "/api/v1/regions",
          [&directory](request_context& ctx) -> awaitable<response> {
              auto regions = co_await directory.regions(ctx.signed_in());
              auto items = http_json::json::array();
              for (const auto& region : regions)
                  items.push_back(to_json(region));
              co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}});
          },
          {.cached_in = hot_reads::directory});
}

} // namespace pswnet::directory
