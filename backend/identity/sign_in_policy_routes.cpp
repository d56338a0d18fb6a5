// Routes of an organisation's sign-in policy.
#include "identity/model_json.hpp"
#include "identity/routes.hpp"
#include "net/responses.hpp"

namespace pswnet::identity {

void add_sign_in_policy_routes(router& r, sign_in_policies& policies)
{
    r.add(http::verb::get, "/api/v1/organisations/{id}/sign-in-policy",
          [&policies](request_context& ctx) -> awaitable<response> {
              auto policy = co_await policies.policy(ctx.signed_in(), ctx.id_param("id"));
              co_return json_response(ctx, http::status::ok, to_json(policy));
          });

    r.add(http::verb::put, "/api/v1/organisations/{id}/sign-in-policy",
          [&policies](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto id = ctx.id_param("id");
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              sign_in_policy_change change{reader.boolean("two_factor_required", false),
                                           reader.boolean("single_sign_on_required", false)};
              if (!change.two_factor_required && !change.single_sign_on_required)
                  reader.add_error("two_factor_required", "or single_sign_on_required is needed");
              reader.done();
              auto policy = co_await policies.change(who, id, change, ctx.audit());
              co_return json_response(ctx, http::status::ok, to_json(policy));
          });
}

} // namespace pswnet::identity
