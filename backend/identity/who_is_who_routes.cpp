// The route of who is who: GET /organisations/{id}/people, for signed-in members.
#include "identity/model_json.hpp"
#include "identity/routes.hpp"
#include "net/responses.hpp"

namespace pswnet::identity {

void add_who_is_who_routes(router& r, who_is_who& people)
{
    r.add(http::verb::get, "/api/v1/organisations/{id}/people", [&people](request_context& ctx) -> awaitable<response> {
        auto found = co_await people.people(ctx.signed_in(), ctx.id_param("id"));
        co_return json_response(ctx, http::status::ok, to_json(found));
    });
}

} // namespace pswnet::identity
