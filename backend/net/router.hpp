// Method + path template -> handler, with {name} path parameters. Knows nothing of the capabilities.
#pragma once

#include "core/sizes.hpp"

#include "core/net.hpp"
#include "hot_reads/scopes.hpp"
#include "net/request_context.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet {

using handler = std::function<awaitable<response>(request_context&)>;

inline constexpr std::size_t default_body_limit = 1 * mib;

struct route_options {
    std::size_t body_limit = default_body_limit;
    // Sign-in style writes made before the caller has a session. Every other write needs a signed-in caller, and
    // is refused with 401 before its body is read.
    bool csrf_exempt = false;
    // Authorises from the headers alone, before the body is read, so that a large upload the caller may not make
    // is refused unread (the handler checks again with the body).
    std::function<awaitable<void>(request_context&)> admit;
    // A GET whose answers are kept in memory, each person's apart, in this one scope (nothing: never kept).
    hot_reads::scopes cached_in = hot_reads::nothing;
    // What a write through this route may change: those kept answers are dropped before it responds.
    hot_reads::scopes changes = hot_reads::everything;
};

struct route {
    http::verb method;
    std::string path; // template, e.g. /api/v1/organisations/{id}
    pswnet::handler handler;
    route_options options;
    std::vector<std::string> segments; // the template split at '/', once, when the route is added
    std::size_t literal_segments = 0;  // those not {name}: literal routes win (/threads/similar over /threads/{id})
};

struct route_match {
    const pswnet::route* route = nullptr;
    std::map<std::string, std::string, std::less<>> params;
    std::string allow; // when the path matched but the method did not
};

class router {
public:
    void add(http::verb method, std::string path, handler h, route_options options = {});

    // A match, or a route_match with route == nullptr and allow set (405) or empty (404).
    route_match match(http::verb method, std::string_view path) const;

    const std::vector<route>& routes() const noexcept { return routes_; }

private:
    std::vector<route> routes_;
};

// Splits a template or a path into segments; exposed for tests.
std::vector<std::string_view> path_segments(std::string_view path);

} // namespace pswnet
