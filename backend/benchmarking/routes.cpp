// Benchmarking routes: decode the query or body, call the service, encode JSON or CSV.
#include "benchmarking/routes.hpp"

#include "benchmarking/export_csv.hpp"
#include "benchmarking/import_file.hpp"
#include "benchmarking/model_json.hpp"
#include "benchmarking/policy.hpp"
#include "net/responses.hpp"

#include <charconv>

namespace pswnet::benchmarking {
namespace {

using http_json::json;

view_query read_view_query(const request_context& ctx)
{
    view_query q{std::nullopt, ctx.query_param("metric"), ctx.query_param("period"), ctx.query_param("group"),
                 std::nullopt, ctx.query_param("sector")};
    field_errors errors;
    auto read_id = [&](std::string_view name, std::string_view what) -> std::optional<std::int64_t> {
        auto raw = ctx.query_param(name);
        if (!raw || raw->empty())
            return std::nullopt;
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), id);
        if (ec == std::errc{} && end == raw->data() + raw->size() && id > 0)
            return id;
        errors.add(std::string(name), "must be " + std::string(what));
        return std::nullopt;
    };
    q.organisation_id = read_id("organisation_id", "an organisation id");
    q.group_id = read_id("group_id", "the id of a saved group");
    errors.throw_if_any("Some query parameters are not valid");
    for (auto* text : {&q.metric, &q.period, &q.group, &q.sector})
        if (*text && (*text)->empty())
            text->reset();
    return q;
}

response csv_response(const request_context& ctx, std::string body, const std::string& filename)
{
    response res{http::status::ok, ctx.request.version()};
    res.set(http::field::content_type, "text/csv; charset=utf-8");
    res.set(http::field::content_disposition, "attachment; filename=\"" + filename + "\"");
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

bool is_csv_type(std::string_view content_type)
{
    auto type = content_type.substr(0, content_type.find(';'));
    for (std::string_view accepted :
         {"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"})
        if (type == accepted)
            return true;
    return false;
}

// Only the last path segment, without control characters: the name is shown back to administrators.
std::optional<std::string> upload_filename(const request_context& ctx)
{
    auto raw = percent_decode(std::string(ctx.request["X-Filename"]));
    if (auto slash = raw.find_last_of("/\\"); slash != std::string::npos)
        raw.erase(0, slash + 1);
    std::string name;
    for (unsigned char c : raw)
        if (c >= 0x20 && c != 0x7F)
            name.push_back(static_cast<char>(c));
    if (name.empty())
        return std::nullopt;
    name.resize(std::min<std::size_t>(name.size(), 255));
    return name;
}

submission_change read_submission(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    submission_change change;
    change.status = reader.string("status", true, 20).value_or("");
    if (!body.is_object() || !body.contains("values") || !body["values"].is_object())
        reader.add_error("values", "must be an object of metric keys and numbers");
    else if (body["values"].size() > 200)
        reader.add_error("values", "must have at most 200 metrics");
    else
        for (const auto& [key, value] : body["values"].items()) {
            if (value.is_null())
                change.values[key] = std::nullopt;
            else if (value.is_number())
                change.values[key] = value.get<double>();
            else
                reader.add_error("values." + key.substr(0, 64), "must be a number or null");
        }
    reader.done();
    return change;
}

} // namespace

void add_routes(router& r, service& benchmarking)
{
    r.add(http::verb::get, "/api/v1/benchmarking/metrics",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              auto items = json::array();
              for (const auto& m : co_await benchmarking.metrics(ctx.signed_in()))
                  items.push_back(to_json(m));
              co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}});
          },
          {.cached_in = hot_reads::benchmarking});

    r.add(http::verb::post, "/api/v1/benchmarking/metrics",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              new_metric m;
              m.key = reader.string("key", true, 100).value_or("");
              m.name = reader.string("name", true, 500).value_or("");
              m.unit = reader.string("unit", true, 40).value_or("");
              m.sector = reader.string("sector", true, 40).value_or("");
              m.polarity = reader.string("polarity", true, 40).value_or("");
              m.definition = reader.string("definition", true, 4000).value_or("");
              m.source = reader.string("source", false, 800).value_or("");
              reader.done();
              auto created = co_await benchmarking.add_metric(who, std::move(m), ctx.audit());
              co_return json_response(ctx, http::status::created, to_json(created));
          });

    r.add(http::verb::get, "/api/v1/benchmarking/periods",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              auto items = json::array();
              for (const auto& p : co_await benchmarking.periods(ctx.signed_in()))
                  items.push_back(to_json(p));
              co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}});
          },
          {.cached_in = hot_reads::benchmarking});

    r.add(http::verb::get, "/api/v1/benchmarking/compare",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto comparison = co_await benchmarking.compare(who, read_view_query(ctx));
              co_return json_response(ctx, http::status::ok, to_json(comparison));
          },
          {.cached_in = hot_reads::benchmarking});

    r.add(http::verb::get, "/api/v1/benchmarking/trend",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto trend = co_await benchmarking.trend_of(who, read_view_query(ctx));
              co_return json_response(ctx, http::status::ok, to_json(trend));
          },
          {.cached_in = hot_reads::benchmarking});

    r.add(http::verb::get, "/api/v1/benchmarking/dashboard",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto dashboard = co_await benchmarking.dashboard(who, read_view_query(ctx));
              co_return json_response(ctx, http::status::ok, to_json(dashboard));
          },
          {.cached_in = hot_reads::benchmarking});

    r.add(http::verb::get, "/api/v1/benchmarking/export", [&benchmarking](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto view = ctx.query_param("view").value_or("compare");
        if (view != "compare" && view != "trend")
            throw api_error(errc::validation_failed, "Some query parameters are not valid",
                            {{"view", "must be compare or trend"}});
        if (view == "trend") {
            auto trend = co_await benchmarking.trend_of(who, read_view_query(ctx));
            co_return csv_response(ctx, trend_csv(trend),
                                   export_filename(trend.metric.key, trend.organisation.code, "trend", trend.group));
        }
        auto comparison = co_await benchmarking.compare(who, read_view_query(ctx));
        co_return csv_response(
            ctx, comparison_csv(comparison),
            export_filename(comparison.metric.key, comparison.organisation.code, comparison.period, comparison.group));
    });

    r.add(http::verb::post, "/api/v1/benchmarking/imports",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              if (!is_csv_type(ctx.request[http::field::content_type]))
                  throw api_error(errc::unsupported_media_type,
                                  "Send the CSV file as the body, with Content-Type text/csv.");
              import_request request{ctx.request.body(), ctx.query_param("format"), upload_filename(ctx)};
              auto report = co_await benchmarking.import(who, std::move(request), ctx.audit());
              co_return json_response(ctx, report.status == "imported" ? http::status::created : http::status::ok,
                                      to_json(report));
          },
          {.body_limit = max_import_bytes, .admit = [](request_context& ctx) -> awaitable<void> {
               if (!policy::may_import(ctx.signed_in()))
                   throw api_error(errc::forbidden, "Only network administrators import figures.");
               co_return;
           }});

    r.add(http::verb::get, "/api/v1/benchmarking/imports",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              auto items = json::array();
              for (const auto& report : co_await benchmarking.imports(ctx.signed_in()))
                  items.push_back(to_json(report));
              co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}, {"next_cursor", nullptr}});
          });

    r.add(http::verb::get, "/api/v1/organisations/{id}/metrics/{period}",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto figures =
                  co_await benchmarking.period_figures_of(who, ctx.id_param("id"), ctx.path_params.at("period"));
              co_return json_response(ctx, http::status::ok, to_json(figures));
          },
          {.cached_in = hot_reads::benchmarking});

    r.add(http::verb::put, "/api/v1/organisations/{id}/metrics/{period}",
          [&benchmarking](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto change = read_submission(ctx);
              auto figures = co_await benchmarking.save_submission(
                  who, ctx.id_param("id"), ctx.path_params.at("period"), std::move(change), ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(figures));
          });
}

} // namespace pswnet::benchmarking
