// Library routes: decode, call the service, encode. Uploads are the raw request body (up to 25 MiB, refused with
// 413 by the HTTP layer before anything is read further); downloads are attachments that are never sniffed.
#include "library/routes.hpp"

#include "library/file_checks.hpp"
#include "library/model_json.hpp"
#include "net/pagination.hpp"
#include "net/query_params.hpp"
#include "net/responses.hpp"

#include <charconv>

namespace pswnet::library {
namespace {

using http_json::json;

resource_fields read_fields(const request_context& ctx)
{
    auto body = ctx.json_body();
    http_json::object_reader reader(body);
    resource_fields f;
    f.title = reader.string("title", false, 800);
    f.summary = reader.string("summary", false, 200000);
    f.type = reader.string("type", false, 40);
    f.sector = reader.string("sector", false, 40);
    f.licence = reader.string("licence", false, 40);
    f.visibility = reader.string("visibility", false, 40);
    f.group_id = reader.integer("group_id", false);
    f.tags = reader.strings("tags", false, 20, 100);
    f.confirm_personal_data = reader.boolean("confirm_personal_data", false).value_or(false);
    if (body.is_object() && body.contains("link_url")) {
        if (body["link_url"].is_null() || (body["link_url"].is_string() && body["link_url"].get<std::string>().empty()))
            f.link_url = std::optional<std::string>();
        else
            f.link_url = reader.string("link_url", false, 4000);
    }
    reader.done();
    return f;
}

// RFC 6266: an ASCII fallback (quotes and backslashes replaced) and the UTF-8 name percent-encoded.
std::string content_disposition(const file_version& f)
{
    std::string ascii;
    for (unsigned char c : f.filename)
        ascii.push_back(c < 0x20 || c >= 0x7F || c == '"' || c == '\\' ? '_' : static_cast<char>(c));
    std::string encoded;
    static constexpr char hex[] = "0123456789ABCDEF";
    for (unsigned char c : f.filename) {
        if (std::isalnum(c) || std::string_view("-._~").find(static_cast<char>(c)) != std::string_view::npos)
            encoded.push_back(static_cast<char>(c));
        else {
            encoded.push_back('%');
            encoded.push_back(hex[c >> 4]);
            encoded.push_back(hex[c & 0xF]);
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

int version_param(const request_context& ctx)
{
    const auto& text = ctx.path_params.at("version");
    int version = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (ec != std::errc{} || end != text.data() + text.size() || version < 1)
        throw api_error(errc::not_found, "There is no such file version.");
    return version;
}

} // namespace

void add_routes(router& r, service& library)
{
    r.add(http::verb::get, "/api/v1/resources", [&library](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto page = read_page_request(ctx, 20, 100, cursor_kind::position);
        resource_filter filter;
        auto param = [&](const char* name) {
            auto value = ctx.query_param(name);
            return value && !value->empty() ? value : std::nullopt;
        };
        filter.q = param("q");
        filter.sector = param("sector");
        filter.type = param("type");
        filter.tag = param("tag");
        filter.region = param("region");
        filter.licence = param("licence");
        filter.sort = param("sort").value_or("newest");
        if (auto organisation = param("organisation_id")) {
            std::int64_t id = 0;
            auto [end, ec] = std::from_chars(organisation->data(), organisation->data() + organisation->size(), id);
            if (ec != std::errc{} || end != organisation->data() + organisation->size() || id < 1)
                throw api_error(errc::validation_failed, "Some query parameters are not valid",
                                {{"organisation_id", "must be an organisation id"}});
            filter.organisation_id = id;
        }
        filter.group_id = integer_query(ctx, "group_id");
        filter.limit = page.limit;
        if (page.after_position) {
            filter.after_key = page.after_position->key;
            filter.after_id = page.after_position->id;
        }
        auto result = co_await library.list(who, std::move(filter));
        auto items = json::array();
        for (const auto& item : result.items)
            items.push_back(to_json(item, false));
        std::optional<keyset_position> next;
        if (result.next_id)
            next = keyset_position{*result.next_key, *result.next_id};
        co_return json_response(ctx, http::status::ok, page_envelope(std::move(items), next));
    });

    r.add(http::verb::post, "/api/v1/resources", [&library](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto created = co_await library.create(who, read_fields(ctx), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created, true));
    });

    r.add(http::verb::get, "/api/v1/resources/{id}", [&library](request_context& ctx) -> awaitable<response> {
        auto found = co_await library.get(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, to_json(found, true));
    });

    r.add(http::verb::patch, "/api/v1/resources/{id}", [&library](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto updated = co_await library.update(who, ctx.id_param("id"), read_fields(ctx), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(updated, true));
    });

    r.add(http::verb::delete_, "/api/v1/resources/{id}", [&library](request_context& ctx) -> awaitable<response> {
        co_await library.remove(ctx.signed_in(), ctx.id_param("id"), ctx.audit());
        co_return no_content(ctx);
    });

    r.add(http::verb::post, "/api/v1/resources/{id}/files",
          [&library](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              std::optional<std::string> filename;
              if (auto header = ctx.request["X-Filename"]; !header.empty())
                  filename = percent_decode(std::string(header));
              auto updated = co_await library.add_file(who, ctx.id_param("id"),
                                                       {ctx.request.body(), std::move(filename)}, ctx.audit());
              co_return json_response(ctx, http::status::created, to_json(updated, true));
          },
          {.body_limit = max_file_bytes, .admit = [&library](request_context& ctx) -> awaitable<void> {
               co_await library.check_upload(ctx.signed_in(), ctx.id_param("id"));
           }});

    r.add(http::verb::get, "/api/v1/resources/{id}/files/{version}",
          [&library](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto [file, content] = co_await library.download(who, ctx.id_param("id"), version_param(ctx));
              response res{http::status::ok, ctx.request.version()};
              res.set(http::field::content_type, file.content_type);
              res.set(http::field::content_disposition, content_disposition(file));
              res.set(http::field::cache_control, "private, no-store");
              res.set("X-Content-Type-Options", "nosniff");
              res.body() = std::move(content);
              res.prepare_payload();
              co_return res;
          });

    for (auto verb : {http::verb::put, http::verb::delete_})
        r.add(verb, "/api/v1/resources/{id}/endorsement",
              [&library, on = verb == http::verb::put](request_context& ctx) -> awaitable<response> {
                  auto change = co_await library.endorse(ctx.signed_in(), ctx.id_param("id"), on, ctx.audit());
                  co_return json_response(ctx, http::status::ok, to_json(change));
              });

    r.add(http::verb::post, "/api/v1/resources/{id}/threads", [&library](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        forum::new_thread thread;
        thread.title = reader.string("title", false, 800).value_or("");
        thread.body = reader.string("body", false, 200000).value_or("");
        // No kind, or an empty one, starts a discussion.
        auto kind = reader.string("kind", false, 20).value_or("");
        thread.kind = kind.empty() ? forum::thread_kind::discussion : forum::parse_thread_kind(kind);
        thread.tags = reader.strings("tags", false, 20, 100).value_or(std::vector<std::string>{});
        thread.confirm_personal_data = reader.boolean("confirm_personal_data", false).value_or(false);
        reader.done();
        auto id = co_await library.start_thread(who, ctx.id_param("id"), std::move(thread), ctx.audit());
        co_return json_response(ctx, http::status::created, {{"thread_id", id}});
    });
}

void add_channel_rules(realtime::channel_policy& policy, service& library)
{
    policy.add("resource", [&library](const principal& who, std::string key) -> awaitable<bool> {
        std::int64_t id = 0;
        auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
        if (ec != std::errc{} || ptr != key.data() + key.size())
            co_return false;
        co_return co_await library.may_watch(who, id);
    });
}

} // namespace pswnet::library
