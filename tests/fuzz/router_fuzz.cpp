// Fuzzes route matching and path parameters over the service's real route table (built by the application
// without touching the database), the query string parser and request_context::id_param.
// Input: one byte choosing the method, then the request target (path?query).
// Beyond "no crash": the match agrees with an independent reading of the table (same segment count, literals equal,
// parameters non-empty; the matching route with the most literal segments wins; otherwise Allow lists exactly the
// other methods that match, sorted, plus HEAD with GET, and never the method asked for); each parameter is the
// percent-decoded segment; an id parameter is a positive number or a 404.
#include "app/application.hpp"
#include "fuzz_support.hpp"
#include "net/request_context.hpp"
#include "net/router.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

namespace {

using pswnet::fuzz::expect;
namespace http = pswnet::http;

const pswnet::router& routes()
{
    static const pswnet::config config = [] {
        pswnet::config c;
        c.database_url = "host=/nonexistent/pswnet-fuzz dbname=none connect_timeout=1"; // never used here
        c.db_pool_size = 1;
        c.log_level = "off";
        return c;
    }();
    static pswnet::application app(config);
    return app.router;
}

bool is_parameter(std::string_view segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const pswnet::route& r, std::string_view path)
{
    auto pattern = pswnet::path_segments(r.path);
    auto parts = pswnet::path_segments(path);
    if (pattern.size() != parts.size())
        return false;
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (is_parameter(pattern[i]) ? parts[i].empty() : pattern[i] != parts[i])
            return false;
    return true;
}

long literals(const pswnet::route& r)
{
    auto segments = pswnet::path_segments(r.path);
    return std::count_if(segments.begin(), segments.end(), [](auto s) { return !is_parameter(s); });
}

void check_match(http::verb method, std::string_view path)
{
    const auto& router = routes();
    auto match = router.match(method, path);

    const pswnet::route* best = nullptr;
    std::set<std::string> others;
    for (const auto& r : router.routes()) {
        if (!matches(r, path))
            continue;
        if (r.method == method || (method == http::verb::head && r.method == http::verb::get)) {
            if (!best || literals(r) > literals(*best))
                best = &r;
        } else {
            others.emplace(http::to_string(r.method));
        }
    }
    expect(match.route == best, "the matching route with the most literal segments wins");
    if (!best) {
        std::string allow;
        for (const auto& m : others)
            allow += (allow.empty() ? "" : ", ") + m;
        if (others.contains("GET"))
            allow += ", HEAD";
        expect(match.allow == allow, "Allow lists the other methods of the path");
        expect(match.params.empty(), "no parameters without a route");
        return;
    }

    auto pattern = pswnet::path_segments(best->path);
    auto parts = pswnet::path_segments(path);
    std::size_t parameters = 0;
    pswnet::request req;
    pswnet::request_context ctx{req, "", "", "", false, best->path, match.params, {}, {}, {}};
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (!is_parameter(pattern[i]))
            continue;
        ++parameters;
        auto name = pattern[i].substr(1, pattern[i].size() - 2);
        auto found = match.params.find(name);
        expect(found != match.params.end(), "every {parameter} of the template is captured");
        expect(found->second == pswnet::percent_decode(parts[i]), "a parameter is its percent-decoded segment");
        try {
            expect(ctx.id_param(name) > 0, "an id parameter is positive");
        } catch (const pswnet::api_error& e) {
            expect(e.code() == pswnet::errc::not_found, "a bad id is a 404");
        }
    }
    expect(match.params.size() == parameters, "only the template's parameters are captured");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    static constexpr std::array methods{http::verb::get,     http::verb::head,   http::verb::post,
                                        http::verb::put,     http::verb::patch,  http::verb::delete_,
                                        http::verb::options, http::verb::unknown};
    const auto method = methods[data[0] % methods.size()];
    const auto target = pswnet::fuzz::as_text(data + 1, size - 1);
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    const auto query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

    check_match(method, path);

    auto decoded = pswnet::percent_decode(path);
    expect(decoded.size() <= path.size(), "percent-decoding never lengthens");
    if (path.find_first_of("%+") == std::string_view::npos)
        expect(decoded == path, "text without % or + decodes to itself");

    auto params = pswnet::parse_query(query);
    expect(params.size() <= static_cast<std::size_t>(std::count(query.begin(), query.end(), '&')) + 1,
           "at most one parameter per &-separated pair");
    for (const auto& [key, value] : params)
        expect(key.size() + value.size() <= query.size(), "a parameter is no longer than the query");
    return 0;
}
