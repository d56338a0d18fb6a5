// ?limit= and ?cursor= of list endpoints, and the {"items", "next_cursor"} envelope.
#pragma once

#include "net/request_context.hpp"

#include <cstdint>
#include <optional>

namespace pswnet {

struct page_request {
    int limit = 50;
    std::optional<std::int64_t> after_id;
};

// 422 naming limit or cursor when they are not valid.
page_request read_page_request(const request_context& ctx, int default_limit = 50, int max_limit = 100);

http_json::json page_envelope(http_json::json items, const std::optional<std::int64_t>& next_after_id);

} // namespace pswnet
