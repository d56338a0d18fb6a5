// Routes of account self-service: /me changes, /me/sessions, and the password reset and email confirmation links.
#include "core/text.hpp"
#include "core/validation.hpp"
#include "identity/account_service.hpp"
#include "identity/model_json.hpp"
#include "identity/routes.hpp"
#include "net/responses.hpp"
#include "net/session_cookie.hpp"

namespace pswnet::identity {
namespace {

response accepted(const request_context& ctx)
{
    auto res = no_content(ctx);
    res.result(http::status::accepted);
    res.content_length(0); // unlike 204, a 202 may have a body: say there is none
    return res;
}

response signed_out(const request_context& ctx)
{
    auto res = no_content(ctx);
    res.set(http::field::set_cookie, cleared_session_cookie(ctx.secure));
    return res;
}

// Every fault in one 422: the texts are trimmed and counted in characters here, with the sector.
profile_update read_profile_update(const http_json::json& body)
{
    http_json::object_reader reader(body);
    profile_update update;
    auto text_field = [&reader](const std::string& name, std::size_t max_characters, bool may_be_empty) {
        auto value = reader.string(name, false, 4 * max_characters);
        if (!value)
            return value;
        value = text::trimmed(*value);
        if (may_be_empty)
            validation::check_length(reader.errors(), name, *value, max_characters);
        else
            validation::check_text(reader.errors(), name, *value, max_characters);
        return value;
    };
    update.display_name = text_field("display_name", 100, false);
    update.job_title = text_field("job_title", max_job_title_length, true);
    update.ask_me_about = text_field("ask_me_about", max_ask_me_about_length, true);
    if (auto name = reader.string("sector", false, 20)) {
        update.sector = parse_sector(*name);
        if (!update.sector)
            reader.add_error("sector", "must be children, adults or both");
    }
    update.listed = reader.boolean("listed", false);
    if (auto name = reader.string("principal_social_worker", false, 20)) {
        update.principal_social_worker = parse_psw_role(*name);
        if (!update.principal_social_worker)
            reader.add_error("principal_social_worker", "must be no, children, adults or both");
    }
    reader.done();
    if (!update.display_name && !update.job_title && !update.sector && !update.ask_me_about && !update.listed &&
        !update.principal_social_worker)
        throw api_error(errc::validation_failed, "There is nothing to change.",
                        {{"display_name", "or another field of the profile must be given"}});
    return update;
}

const std::string& token_of(const request_context& ctx)
{
    return ctx.path_params.find("token")->second;
}

} // namespace

void add_account_routes(router& r, account_service& accounts)
{
    // Links from emails work without signing in: the token is the credential, so there is no session to forge.
    const route_options link_write{.body_limit = 4 * kib, .csrf_exempt = true};

    r.add(http::verb::patch, "/api/v1/me", [&accounts](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto update = read_profile_update(ctx.json_body());
        auto changed = co_await accounts.update_profile(who, std::move(update), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(changed, csrf_token_for(ctx.credential_token)));
    });

    r.add(http::verb::post, "/api/v1/me/password", [&accounts](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        auto current = reader.string("current_password", true, max_password_length);
        auto chosen = reader.string("new_password", true, max_password_length);
        reader.done();
        co_await accounts.change_password(who, *current, *chosen, ctx.audit());
        co_return no_content(ctx);
    });

    r.add(http::verb::post, "/api/v1/me/email", [&accounts](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        auto email = reader.string("email", true, 254);
        auto current = reader.string("current_password", true, max_password_length);
        reader.done();
        co_await accounts.request_email_change(who, *email, *current, ctx.audit());
        co_return accepted(ctx);
    });

    r.add(http::verb::get, "/api/v1/me/sessions", [&accounts](request_context& ctx) -> awaitable<response> {
        auto items = http_json::json::array();
        for (const auto& s : co_await accounts.sessions(ctx.signed_in()))
            items.push_back(to_json(s));
        co_return json_response(ctx, http::status::ok, {{"items", std::move(items)}});
    });

    r.add(http::verb::delete_, "/api/v1/me/sessions", [&accounts](request_context& ctx) -> awaitable<response> {
        co_await accounts.end_all_sessions(ctx.signed_in(), ctx.audit());
        co_return signed_out(ctx);
    });

    r.add(http::verb::delete_, "/api/v1/me/sessions/{session_id}",
          [&accounts](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto session_id = ctx.id_param("session_id");
              co_await accounts.end_session(who, session_id, ctx.audit());
              co_return session_id == who.session_id ? signed_out(ctx) : no_content(ctx);
          });

    r.add(
        http::verb::post, "/api/v1/auth/password-reset",
        [&accounts](request_context& ctx) -> awaitable<response> {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            auto email = reader.string("email", true, 254);
            reader.done();
            co_await accounts.request_password_reset(*email, ctx.audit());
            co_return accepted(ctx);
        },
        link_write);

    r.add(http::verb::get, "/api/v1/auth/password-reset/{token}",
          [&accounts](request_context& ctx) -> awaitable<response> {
              auto email = co_await accounts.preview_password_reset(token_of(ctx));
              co_return json_response(ctx, http::status::ok, {{"email", email}});
          });

    r.add(
        http::verb::post, "/api/v1/auth/password-reset/{token}",
        [&accounts](request_context& ctx) -> awaitable<response> {
            auto body = ctx.json_body();
            http_json::object_reader reader(body);
            auto password = reader.string("password", true, max_password_length);
            reader.done();
            co_await accounts.reset_password(token_of(ctx), *password, ctx.audit());
            co_return no_content(ctx);
        },
        link_write);

    r.add(http::verb::get, "/api/v1/auth/email-confirmation/{token}",
          [&accounts](request_context& ctx) -> awaitable<response> {
              auto email = co_await accounts.preview_email_change(token_of(ctx));
              co_return json_response(ctx, http::status::ok, {{"email", email}});
          });

    r.add(
        http::verb::post, "/api/v1/auth/email-confirmation/{token}",
        [&accounts](request_context& ctx) -> awaitable<response> {
            auto email = co_await accounts.confirm_email_change(token_of(ctx), ctx.audit());
            co_return json_response(ctx, http::status::ok, {{"email", email}});
        },
        link_write);
}

} // namespace pswnet::identity
