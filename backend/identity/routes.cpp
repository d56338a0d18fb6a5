// Identity routes: decode, call the service, encode; the session cookie is set and cleared here.
#include "identity/routes.hpp"

#include "core/crypto.hpp"
#include "identity/model_json.hpp"
#include "net/pagination.hpp"
#include "net/responses.hpp"
#include "net/session_cookie.hpp"

namespace pswnet::identity {
namespace {

std::vector<role> read_roles(http_json::object_reader& reader, const std::string& field)
{
    std::vector<role> roles;
    auto names = reader.strings(field, true, 5, 40);
    if (!names)
        return roles;
    for (std::size_t i = 0; i < names->size(); ++i) {
        if (auto r = parse_role((*names)[i]))
            roles.push_back(*r);
        else
            reader.add_error(field + "[" + std::to_string(i) + "]",
                             "must be one of member, org_admin, csw_office, moderator, network_admin");
    }
    return roles;
}

sector read_sector(http_json::object_reader& reader, const std::string& field)
{
    auto name = reader.string(field, true, 20);
    if (!name)
        return sector::both;
    if (auto s = parse_sector(*name))
        return *s;
    reader.add_error(field, "must be children, adults or both");
    return sector::both;
}

// The browser's device cookie, or a new one for a browser that has none.
client_device device_of(const request_context& ctx)
{
    return {std::string(ctx.request[http::field::user_agent]),
            device_token(ctx.request).value_or(crypto::random_token())};
}

response session_response(const request_context& ctx, http::status status, const signed_in_session& session,
                          std::chrono::seconds lifetime, const client_device& device)
{
    auto csrf = csrf_token_for(session.token);
    http_json::json body{{"token", session.token},
                         {"csrf_token", csrf},
                         {"expires_at", session.expires_at},
                         {"user", to_json(session.profile, csrf)}};
    if (!session.recovery_codes.empty())
        body["recovery_codes"] = session.recovery_codes;
    auto res = json_response(ctx, status, body);
    res.set(http::field::set_cookie, session_cookie(session.token, ctx.secure, lifetime));
    res.insert(http::field::set_cookie, device_cookie(device.token, ctx.secure));
    return res;
}

} // namespace

void add_routes(router& r, service& identity, single_sign_on::sign_in& council_sign_in)
{
    const route_options sign_in_write{.body_limit = default_body_limit, .csrf_exempt = true};

    r.add(
        http::verb::post, "/api/v1/auth/login",
        [&identity](request_context& ctx) -> awaitable<response> {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            auto email = reader.string("email", true, 254);
            auto password = reader.string("password", true, max_password_length);
            auto code = reader.string("code", false, 40);
            reader.done();
            auto device = device_of(ctx);
            auto session = co_await identity.login({*email, *password, std::move(code)}, ctx.audit(), device);
            co_return session_response(ctx, http::status::ok, session, identity.settings().session_lifetime, device);
        },
        sign_in_write);

    r.add(
        http::verb::post, "/api/v1/auth/two-factor-setup",
        [&identity](request_context& ctx) -> awaitable<response> {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            auto email = reader.string("email", true, 254);
            auto password = reader.string("password", true, max_password_length);
            reader.done();
            auto setup = co_await identity.begin_two_factor_setup({*email, *password, std::nullopt}, ctx.audit());
            co_return json_response(ctx, http::status::ok, to_json(setup));
        },
        sign_in_write);

    // A session that came from an identity provider answers where to end the provider's session too.
    r.add(http::verb::post, "/api/v1/auth/logout",
          [&identity, &council_sign_in](request_context& ctx) -> awaitable<response> {
              auto provider_id = co_await identity.logout(ctx.signed_in(), ctx.audit());
              std::optional<std::string> provider_sign_out;
              if (provider_id)
                  provider_sign_out = co_await council_sign_in.sign_out_url(*provider_id, ctx.origin);
              auto res = provider_sign_out
                             ? json_response(ctx, http::status::ok, {{"provider_sign_out_url", *provider_sign_out}})
                             : no_content(ctx);
              res.set(http::field::set_cookie, cleared_session_cookie(ctx.secure));
              co_return res;
          });

    r.add(http::verb::get, "/api/v1/me", [&identity](request_context& ctx) -> awaitable<response> {
        auto profile = co_await identity.me(ctx.signed_in());
        co_return json_response(ctx, http::status::ok, to_json(profile, csrf_token_for(ctx.credential_token)));
    });

    r.add(http::verb::post, "/api/v1/invitations", [&identity](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        invitation_request request;
        request.email = reader.string("email", true, 254).value_or("");
        if (!request.email.empty() && !is_valid_email(request.email))
            reader.add_error("email", "must be an email address, like name@council.gov.uk");
        request.organisation_id = reader.integer("organisation_id", true).value_or(0);
        request.roles = read_roles(reader, "roles");
        request.sector = read_sector(reader, "sector");
        reader.done();
        auto created = co_await identity.invite(who, std::move(request), ctx.origin, ctx.audit());
        co_return json_response(ctx, http::status::created, to_json(created));
    });

    r.add(http::verb::get, "/api/v1/invitations/{token}", [&identity](request_context& ctx) -> awaitable<response> {
        auto preview = co_await identity.preview_invitation(ctx.path_params.find("token")->second);
        co_return json_response(ctx, http::status::ok, to_json(preview));
    });

    r.add(
        http::verb::post, "/api/v1/invitations/{token}/accept",
        [&identity](request_context& ctx) -> awaitable<response> {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            auto display_name = reader.string("display_name", true, 100);
            auto password = reader.string("password", true, max_password_length);
            reader.done();
            auto device = device_of(ctx);
            auto session = co_await identity.accept_invitation(ctx.path_params.find("token")->second,
                                                               {*display_name, *password}, ctx.audit(), device);
            co_return session_response(ctx, http::status::created, session, identity.settings().session_lifetime,
                                       device);
        },
        sign_in_write);

    r.add(http::verb::get, "/api/v1/organisations/{id}/invitations",
          [&identity](request_context& ctx) -> awaitable<response> {
              auto items = http_json::json::array();
              for (const auto& i : co_await identity.pending_invitations(ctx.signed_in(), ctx.id_param("id")))
                  items.push_back(to_json(i));
              co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}, {"next_cursor", nullptr}});
          });

    r.add(http::verb::post, "/api/v1/organisations/{id}/invitations/{invitation_id}/resend",
          [&identity](request_context& ctx) -> awaitable<response> {
              auto renewed = co_await identity.resend_invitation(
                  ctx.signed_in(), ctx.id_param("id"), ctx.id_param("invitation_id"), ctx.origin, ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(renewed));
          });

    r.add(http::verb::delete_, "/api/v1/organisations/{id}/invitations/{invitation_id}",
          [&identity](request_context& ctx) -> awaitable<response> {
              co_await identity.revoke_invitation(ctx.signed_in(), ctx.id_param("id"), ctx.id_param("invitation_id"),
                                                  ctx.audit());
              co_return no_content(ctx);
          });

    r.add(http::verb::get, "/api/v1/organisations/{id}/members",
          [&identity](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto page = read_page_request(ctx);
              auto members = co_await identity.members(who, ctx.id_param("id"), page.limit, page.after_id);
              auto items = http_json::json::array();
              for (const auto& m : members.items)
                  items.push_back(to_json(m));
              co_return json_response(ctx, http::status::ok, page_envelope(std::move(items), members.next_after_id));
          });

    r.add(http::verb::patch, "/api/v1/users/{id}", [&identity](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto id = ctx.id_param("id");
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        auto disabled = reader.boolean("disabled", true);
        reader.done();
        auto updated = co_await identity.set_disabled(who, id, *disabled, ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(updated));
    });
}

} // namespace pswnet::identity
