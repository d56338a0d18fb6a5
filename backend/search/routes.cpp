// The network-wide search composes each capability's own search (each applies its own visibility) and merges the
// hits by rank.
#include "search/routes.hpp"

#include "forum/model_json.hpp"
#include "library/model_json.hpp"
#include "net/pagination.hpp"
#include "net/responses.hpp"

#include <algorithm>

namespace pswnet::search {

void add_routes(router& r, forum::service& discussions, library::service& library)
{
    r.add(http::verb::get, "/api/v1/search", [&discussions, &library](request_context& ctx) -> awaitable<response> {
        const auto& who = ctx.signed_in();
        auto page = read_page_request(ctx, 20, 50);
        auto q = ctx.query_param("q").value_or("");
        auto threads = co_await discussions.search(who, q, page.limit); // validates q
        auto resources = co_await library.search(who, q, page.limit);
        std::vector<std::pair<double, http_json::json>> hits;
        hits.reserve(threads.hits.size() + resources.hits.size());
        for (const auto& hit : threads.hits)
            hits.emplace_back(hit.rank, forum::to_json(hit));
        for (const auto& hit : resources.hits)
            hits.emplace_back(hit.rank, library::to_json(hit));
        std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        if (hits.size() > static_cast<std::size_t>(page.limit))
            hits.resize(static_cast<std::size_t>(page.limit));
        auto items = http_json::json::array();
        for (auto& [rank, hit] : hits)
            items.push_back(std::move(hit));
        co_return json_response(
            ctx, http::status::ok,
            {{"items", std::move(items)}, {"total", threads.total + resources.total}, {"next_cursor", nullptr}});
    });
}

} // namespace pswnet::search
