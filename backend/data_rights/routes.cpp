#include "data_rights/routes.hpp"

#include "core/sizes.hpp"
#include "identity/model.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"
#include "net/session_cookie.hpp"

namespace pswnet::data_rights {

void add_routes(router& r, service& rights, retention_periods retention)
{
    r.add(http::verb::get, "/api/v1/retention", [retention](request_context& ctx) -> awaitable<response> {
        co_return json_response(ctx, http::status::ok,
                                {{"audit_log_days", retention.audit_log_days},
                                 {"deleted_files_days", retention.deleted_files_days},
                                 {"events_days", retention.events_days}});
    });

    r.add(http::verb::get, "/api/v1/me/data-export", [&rights](request_context& ctx) -> awaitable<response> {
        auto exported = co_await rights.export_for(ctx.signed_in(), ctx.audit());
        response res{http::status::ok, ctx.request.version()};
        res.set(http::field::content_type, "application/zip");
        res.set(http::field::content_disposition, "attachment; filename=\"" + exported.filename + "\"");
        res.set(http::field::cache_control, "private, no-store");
        res.set("X-Content-Type-Options", "nosniff");
        res.body() = std::move(exported.zip);
        res.prepare_payload();
        co_return res;
    });

    r.add(http::verb::post, "/api/v1/me/deletion",
          [&rights](request_context& ctx) -> awaitable<response> {
              const auto& who = ctx.signed_in();
              auto body = ctx.json_body();
              http_json::object_reader reader(body);
              auto current = reader.string("current_password", true, identity::max_password_length);
              reader.done();
              co_await rights.erase(who, *current, ctx.audit());
              auto res = no_content(ctx);
              res.set(http::field::set_cookie, cleared_session_cookie(ctx.secure));
              co_return res;
          },
          {.body_limit = 4 * kib});
}

} // namespace pswnet::data_rights
