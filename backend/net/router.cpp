// Route matching by segments: literal segments must be equal, {name} segments capture one segment.
#include "net/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace pswnet {
namespace {

bool is_parameter(std::string_view segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const route& r, const std::vector<std::string_view>& path_parts,
             std::map<std::string, std::string, std::less<>>* params)
{
    if (r.segments.size() != path_parts.size())
        return false;
    for (std::size_t i = 0; i < r.segments.size(); ++i) {
        const auto& p = r.segments[i];
        if (is_parameter(p)) {
            if (path_parts[i].empty())
                return false;
            if (params)
                params->emplace(p.substr(1, p.size() - 2), percent_decode(path_parts[i]));
        } else if (p != path_parts[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

std::vector<std::string_view> path_segments(std::string_view path)
{
    std::vector<std::string_view> segments;
    if (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    while (true) {
        auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

void router::add(http::verb method, std::string path, handler h, route_options options)
{
    for (const auto& r : routes_)
        if (r.method == method && r.path == path)
            throw std::logic_error("route added twice: " + path);
    route r{method, std::move(path), std::move(h), std::move(options), {}, 0};
    for (auto segment : path_segments(r.path))
        r.segments.emplace_back(segment);
    r.literal_segments = static_cast<std::size_t>(
        std::count_if(r.segments.begin(), r.segments.end(), [](const auto& s) { return !is_parameter(s); }));
    routes_.push_back(std::move(r));
}

route_match router::match(http::verb method, std::string_view path) const
{
    route_match result;
    auto parts = path_segments(path);
    const route* best = nullptr;
    std::vector<std::string> allowed;
    for (const auto& r : routes_) {
        if (!matches(r, parts, nullptr))
            continue;
        if (r.method == method || (method == http::verb::head && r.method == http::verb::get)) {
            if (!best || r.literal_segments > best->literal_segments)
                best = &r;
        } else {
            allowed.emplace_back(http::to_string(r.method));
        }
    }
    if (best) {
        result.route = best;
        matches(*best, parts, &result.params);
        return result;
    }
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    for (const auto& m : allowed) {
        if (!result.allow.empty())
            result.allow += ", ";
        result.allow += m;
    }
    if (!result.allow.empty() && std::find(allowed.begin(), allowed.end(), "GET") != allowed.end())
        result.allow += ", HEAD";
    return result;
}

} // namespace pswnet
