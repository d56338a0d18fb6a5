// Caseload health check routes: decode the query or body, call the rules, encode JSON.
#include "benchmarking/caseload_json.hpp"
#include "benchmarking/routes.hpp"
#include "net/responses.hpp"

#include <algorithm>
#include <charconv>

namespace pswnet::benchmarking {
namespace {

std::optional<std::int64_t> organisation_id_of(const request_context& ctx)
{
    auto raw = ctx.query_param("organisation_id");
    if (!raw || raw->empty())
        return std::nullopt;
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), id);
    if (ec != std::errc{} || end != raw->data() + raw->size() || id <= 0)
        throw api_error(errc::validation_failed, "Some query parameters are not valid",
                        {{"organisation_id", "must be an organisation id"}});
    return id;
}

std::optional<std::string> non_empty(std::optional<std::string> text)
{
    return text && !text->empty() ? std::move(text) : std::nullopt;
}

caseload_change read_change(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    caseload_change change;
    change.status = reader.string("status", true, 20).value_or("");
    change.cap = static_cast<int>(std::clamp<std::int64_t>(reader.integer("cap", true).value_or(0), -1, 1000));
    if (!body.is_object() || !body.contains("counts") || !body["counts"].is_object()) {
        reader.add_error("counts", "must be an object of a count for each band");
    } else {
        http_json::object_reader counts(body["counts"], "counts.");
        for (std::size_t i = 0; i < caseload_bands.size(); ++i)
            change.counts[i] = static_cast<int>(std::clamp<std::int64_t>(
                counts.integer(std::string(caseload_bands[i].key), true).value_or(0), -1, 1'000'000));
        for (const auto& [key, value] : body["counts"].items())
            if (std::none_of(caseload_bands.begin(), caseload_bands.end(),
                             [&](const caseload_band& band) { return band.key == key; }))
                counts.add_error(key.substr(0, 40), "is not a band: the bands are up_to_12, 13_to_15, 16_to_18, "
                                                    "19_to_22 and over_22");
        for (const auto& e : counts.errors().list())
            reader.errors().add(e.field, e.message);
    }
    reader.done();
    return change;
}

} // namespace

void add_caseload_routes(router& r, caseload_check& check)
{
    r.add(http::verb::get, "/api/v1/benchmarking/caseload-health",
          [&check](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto health = co_await check.health(who, organisation_id_of(ctx), non_empty(ctx.query_param("period")),
                                                  non_empty(ctx.query_param("service")));
              co_return json_response(ctx, http::status::ok, to_json(health));
          });

    r.add(http::verb::get, "/api/v1/organisations/{id}/caseload-returns/{period}/{service}",
          [&check](request_context& ctx) -> awaitable<response> {
              const auto& period = ctx.path_params.at("period");
              const auto& service = ctx.path_params.at("service");
              auto found = co_await check.return_of(ctx.signed_in(), ctx.id_param("id"), period, service);
              co_return json_response(ctx, http::status::ok, to_json(found, period, service));
          });

    r.add(http::verb::put, "/api/v1/organisations/{id}/caseload-returns/{period}/{service}",
          [&check](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              const auto& period = ctx.path_params.at("period");
              const auto& service = ctx.path_params.at("service");
              auto saved = co_await check.save(who, ctx.id_param("id"), period, service, read_change(ctx), ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(saved, period, service));
          });
}

} // namespace pswnet::benchmarking
