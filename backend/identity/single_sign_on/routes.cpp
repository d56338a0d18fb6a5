// Routes of single sign-on: starting a sign-in and the provider's redirect back; identity providers (network
// administrators); an organisation's access requests (its administrators).
#include "identity/single_sign_on/routes.hpp"

#include "core/crypto.hpp"
#include "net/responses.hpp"
#include "net/session_cookie.hpp"

namespace pswnet::identity::single_sign_on {
namespace {

http_json::json to_json(const identity_provider& p, const std::string& origin)
{
    auto organisations = http_json::json::array();
    for (const auto& o : p.organisations)
        organisations.push_back({{"id", o.organisation_id},
                                 {"name", o.name},
                                 {"tenant_id", o.tenant_id ? http_json::json(*o.tenant_id) : http_json::json()}});
    return {{"id", p.id},
            {"name", p.name},
            {"issuer", p.issuer},
            {"client_id", p.client_id},
            {"domains", p.domains},
            {"organisations", std::move(organisations)},
            {"redirect_uri", origin + std::string(callback_path)},
            {"post_logout_redirect_uri", origin + std::string(signed_out_path)},
            {"created_at", p.created_at}};
}

http_json::json to_json(const access_request& r)
{
    return {{"id", r.id},
            {"email", r.email},
            {"display_name", r.display_name},
            {"provider_name", r.provider_name},
            {"requested_at", r.requested_at}};
}

http_json::json to_json(const possible_leaver& p)
{
    auto text_or_null = [](const std::optional<std::string>& t) { return t ? http_json::json(*t) : http_json::json(); };
    return {{"user_id", p.user_id},
            {"display_name", p.display_name},
            {"email", p.email},
            {"provider_name", p.provider_name},
            {"last_signed_in_at", p.last_signed_in_at},
            {"refused_at", text_or_null(p.refused_at)},
            {"refusal", text_or_null(p.refusal)}};
}

provider_settings read_settings(const http_json::json& body)
{
    http_json::object_reader reader(body);
    provider_settings s;
    s.name = reader.string("name", true, 100).value_or("");
    s.issuer = reader.string("issuer", true, 500).value_or("");
    s.client_id = reader.string("client_id", true, 200).value_or("");
    s.client_secret = reader.string("client_secret", false, 500);
    s.domains = reader.strings("domains", true, 50, 253).value_or(std::vector<std::string>{});
    auto organisations = body.find("organisations");
    if (organisations == body.end() || !organisations->is_array()) {
        reader.add_error("organisations", "must be a list of {organisation_id, tenant_id}");
    } else if (organisations->size() > 200) {
        reader.add_error("organisations", "must list at most 200 organisations");
    } else {
        for (std::size_t i = 0; i < organisations->size(); ++i) {
            auto field = "organisations[" + std::to_string(i) + "]";
            if (!(*organisations)[i].is_object()) {
                reader.add_error(field, "must be an object");
                continue;
            }
            http_json::object_reader entry((*organisations)[i], field + ".");
            provider_organisation o;
            o.organisation_id = entry.integer("organisation_id", true).value_or(0);
            o.tenant_id = entry.string("tenant_id", false, 100);
            for (const auto& e : entry.errors().list())
                reader.add_error(e.field, e.message);
            s.organisations.push_back(std::move(o));
        }
    }
    reader.done();
    return s;
}

response redirect(const request_context& ctx, const std::string& location)
{
    response res{http::status::see_other, ctx.request.version()};
    res.set(http::field::location, location);
    res.set(http::field::cache_control, "no-store");
    res.insert(http::field::set_cookie, cleared_sign_in_binding_cookie(ctx.secure));
    res.prepare_payload();
    return res;
}

} // namespace

void add_routes(router& r, sign_in& council_sign_in, administration& admin, identity::service& identity)
{
    const route_options sign_in_write{.body_limit = default_body_limit, .csrf_exempt = true};

    r.add(
        http::verb::post, "/api/v1/auth/single-sign-on",
        [&council_sign_in](request_context& ctx) -> awaitable<response> {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            auto email = reader.string("email", true, 254);
            auto return_to = reader.string("return_to", false, 500);
            reader.done();
            auto start =
                co_await council_sign_in.begin(*email, return_to.value_or("/"), ctx.origin, ctx.audit().client_address);
            auto res =
                json_response(ctx, http::status::ok,
                              {{"authorization_url", start.authorization_url}, {"provider_name", start.provider_name}});
            res.set(http::field::set_cookie, sign_in_binding_cookie(start.binding, ctx.secure));
            co_return res;
        },
        sign_in_write);

    r.add(http::verb::get, std::string(callback_path),
          [&council_sign_in, &identity](request_context& ctx) -> awaitable<response> {
              provider_callback callback{ctx.query_param("state").value_or(""), ctx.query_param("code").value_or(""),
                                         ctx.query_param("error").value_or("")};
              client_device device{std::string(ctx.request[http::field::user_agent]),
                                   device_token(ctx.request).value_or(crypto::random_token())};
              auto outcome = co_await council_sign_in.complete(std::move(callback), sign_in_binding(ctx.request),
                                                               ctx.origin, ctx.audit(), device);
              if (!outcome.session)
                  co_return redirect(ctx,
                                     "/sign-in?single_sign_on=" + std::string(sign_in_failure_name(outcome.failure)));
              auto res = redirect(ctx, outcome.return_to);
              res.insert(http::field::set_cookie,
                         session_cookie(outcome.session->token, ctx.secure, identity.settings().session_lifetime));
              res.insert(http::field::set_cookie, device_cookie(device.token, ctx.secure));
              co_return res;
          });

    r.add(http::verb::get, "/api/v1/identity-providers", [&admin](request_context& ctx) -> awaitable<response> {
        auto items = http_json::json::array();
        for (const auto& p : co_await admin.providers(ctx.signed_in()))
            items.push_back(to_json(p, ctx.origin));
        co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}, {"next_cursor", nullptr}});
    });

    r.add(http::verb::post, "/api/v1/identity-providers", [&admin](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto added = co_await admin.add(who, read_settings(ctx.json_body()), ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(added, ctx.origin));
    });

    r.add(http::verb::get, "/api/v1/identity-providers/{id}", [&admin](request_context& ctx) -> awaitable<response> {
        auto found = co_await admin.provider(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, to_json(found, ctx.origin));
    });

    r.add(http::verb::put, "/api/v1/identity-providers/{id}", [&admin](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto id = ctx.id_param("id");
        auto changed = co_await admin.change(who, id, read_settings(ctx.json_body()), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(changed, ctx.origin));
    });

    r.add(http::verb::delete_, "/api/v1/identity-providers/{id}",
          [&admin](request_context& ctx) -> awaitable<response> {
              co_await admin.remove(ctx.signed_in(), ctx.id_param("id"), ctx.audit());
              co_return no_content(ctx);
          });

    r.add(http::verb::get, "/api/v1/organisations/{id}/access-requests",
          [&admin](request_context& ctx) -> awaitable<response> {
              auto items = http_json::json::array();
              for (const auto& request : co_await admin.access_requests(ctx.signed_in(), ctx.id_param("id")))
                  items.push_back(to_json(request));
              co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}, {"next_cursor", nullptr}});
          });

    r.add(http::verb::get, "/api/v1/organisations/{id}/possible-leavers",
          [&admin](request_context& ctx) -> awaitable<response> {
              auto items = http_json::json::array();
              for (const auto& p : co_await admin.possible_leavers(ctx.signed_in(), ctx.id_param("id")))
                  items.push_back(to_json(p));
              co_return json_response(ctx, http::status::ok,
                                      {{"items", std::move(items)}, {"lapse_days", admin.lapse().count()}});
          });

    r.add(http::verb::post, "/api/v1/organisations/{id}/access-requests/{request_id}/approval",
          [&admin](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              auto name = reader.string("sector", true, 20);
              auto sector = name ? parse_sector(*name) : std::nullopt;
              if (name && !sector)
                  reader.add_error("sector", "must be children, adults or both");
              reader.done();
              auto user_id = co_await admin.approve(who, ctx.id_param("id"), ctx.id_param("request_id"), *sector,
                                                    ctx.origin, ctx.audit());
              co_return json_response(ctx, http::status::created, {{"user_id", user_id}});
          });

    r.add(http::verb::delete_, "/api/v1/organisations/{id}/access-requests/{request_id}",
          [&admin](request_context& ctx) -> awaitable<response> {
              co_await admin.decline(ctx.signed_in(), ctx.id_param("id"), ctx.id_param("request_id"), ctx.audit());
              co_return no_content(ctx);
          });
}

} // namespace pswnet::identity::single_sign_on
