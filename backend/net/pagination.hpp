// ?limit= and ?cursor= of list endpoints, and the {"items", "next_cursor"} envelope.
#pragma once

#include "net/request_context.hpp"

#include <cstdint>
#include <optional>

namespace pswnet {

// Where a page ends in a list ordered by a value that can change (a time) and then by id: the cursor carries both,
// so the next page starts after the same point even when that item has moved since.
struct keyset_position {
    std::string key;
    std::int64_t id = 0;
};

enum class cursor_kind { id, position };

struct page_request {
    int limit = 50;
    std::optional<std::int64_t> after_id;          // cursor_kind::id
    std::optional<keyset_position> after_position; // cursor_kind::position
};

// 422 naming limit or cursor when they are not valid.
page_request read_page_request(const request_context& ctx, int default_limit = 50, int max_limit = 100,
                               cursor_kind kind = cursor_kind::id);

http_json::json page_envelope(http_json::json items, const std::optional<std::int64_t>& next_after_id);
http_json::json page_envelope(http_json::json items, const std::optional<keyset_position>& next);

} // namespace pswnet
