// Keys are the person's id and the whole target, so each person is only ever served what their own request read.
#include "net/hot_read_answers.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>

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

awaitable<response> answer_from_memory(hot_reads::response_cache& cache, hot_read_fills& fills, request_context& ctx,
                                       const route& r)
{
    auto key = std::to_string(ctx.signed_in().user_id) + ' ' + std::string(ctx.request.target());
    auto scope = r.options.cached_in;
    auto kept = cache.find(key, scope);
    if (!kept) {
        auto under_way = fills.join(key, co_await net::this_coro::executor);
        if (under_way) { // the same read missed a moment ago: its answer is on its way
            co_await under_way->async_receive(net::as_tuple(net::use_awaitable));
            cache.count_waited();
            kept = cache.find(key, scope);
        }
        if (!kept) { // first, or the answer waited for could not be kept (a write came meanwhile): read it
            std::optional<hot_read_fills::lease> filling;
            if (!under_way)
                filling.emplace(fills, key);
            auto ticket = cache.begin(scope); // before the handler reads: a write meanwhile makes it unstorable
            auto fresh = co_await r.handler(ctx);
            cache.invalidate(ctx.changed);
            if (fresh.result() != http::status::ok)
                co_return fresh;
            kept = cache.store(key, ticket, std::move(fresh.body()));
        }
    }
    co_return kept_response(cache, ctx, *kept);
}

} // namespace pswnet
