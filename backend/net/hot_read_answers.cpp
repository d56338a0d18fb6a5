// Keys are the person's id and the whole target, so each person is only ever served what their own request read.
#include "net/hot_read_answers.hpp"

namespace pswnet {
namespace {

response kept_response(hot_reads::response_cache& cache, const request_context& ctx,
                       const hot_reads::response_cache::answer& kept)
{
    bool unchanged = hot_reads::none_match(ctx.request[http::field::if_none_match], kept.etag);
    response res{unchanged ? http::status::not_modified : http::status::ok, ctx.request.version()};
    // The browser may keep it, but asks again each time; the answer is the person's own.
    res.set(http::field::cache_control, "private, no-cache");
    res.set(http::field::etag, kept.etag);
    if (unchanged) {
        cache.count_not_modified();
        return res;
    }
    res.set(http::field::content_type, "application/json");
    res.body() = *kept.body;
    res.prepare_payload();
    return res;
}

} // namespace

awaitable<response> answer_from_memory(hot_reads::response_cache& cache, request_context& ctx, const route& r)
{
    auto key = std::to_string(ctx.signed_in().user_id) + ' ' + std::string(ctx.request.target());
    auto scope = r.options.cached_in;
    auto kept = cache.find(key, scope);
    if (!kept) {
        auto ticket = cache.begin(scope); // before the handler reads: a write meanwhile makes its answer unstorable
        auto fresh = co_await r.handler(ctx);
        cache.invalidate(ctx.changed);
        if (fresh.result() != http::status::ok)
            co_return fresh;
        kept = cache.store(key, ticket, std::move(fresh.body()));
    }
    co_return kept_response(cache, ctx, *kept);
}

} // namespace pswnet
