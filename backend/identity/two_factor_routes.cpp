// Routes of two-factor authentication: /me/two-factor.
#include "identity/model_json.hpp"
#include "identity/routes.hpp"
#include "net/responses.hpp"

namespace pswnet::identity {
namespace {

std::string read_current_password(const http_json::json& body)
{
    http_json::object_reader reader(body);
    auto current = reader.string("current_password", true, max_password_length);
    reader.done();
    return *current;
}

response recovery_codes_response(const request_context& ctx, const std::vector<std::string>& codes)
{
    return json_response(ctx, http::status::ok, {{"recovery_codes", codes}});
}

} // namespace

void add_two_factor_routes(router& r, two_factor_service& two_factor)
{
    r.add(http::verb::get, "/api/v1/me/two-factor", [&two_factor](request_context& ctx) -> awaitable<response> {
        co_return json_response(ctx, http::status::ok, to_json(co_await two_factor.status(ctx.signed_in())));
    });

    r.add(http::verb::post, "/api/v1/me/two-factor/setup", [&two_factor](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto password = read_current_password(ctx.json_body());
        auto setup = co_await two_factor.begin_setup(who, std::move(password), ctx.audit());
        co_return json_response(ctx, http::status::ok, to_json(setup));
    });

    r.add(http::verb::post, "/api/v1/me/two-factor", [&two_factor](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto body = ctx.json_body();
        http_json::object_reader reader(body);
        auto code = reader.string("code", true, 40);
        reader.done();
        co_return recovery_codes_response(ctx, co_await two_factor.turn_on(who, std::move(*code), ctx.audit()));
    });

    r.add(http::verb::post, "/api/v1/me/two-factor/recovery-codes",
          [&two_factor](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto password = read_current_password(ctx.json_body());
              co_return recovery_codes_response(
                  ctx, co_await two_factor.new_recovery_codes(who, std::move(password), ctx.audit()));
          });

    r.add(http::verb::post, "/api/v1/me/two-factor/removal",
          [&two_factor](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto password = read_current_password(ctx.json_body());
              co_await two_factor.turn_off(who, std::move(password), ctx.audit());
              co_return no_content(ctx);
          });
}

} // namespace pswnet::identity
