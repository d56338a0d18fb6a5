// Cursors are the id of the last item of the previous page, base64url-encoded so clients treat them as opaque.
#include "net/pagination.hpp"

#include <boost/beast/core/detail/base64.hpp>

#include <charconv>

namespace pswnet {
namespace {

std::string encode_cursor(std::int64_t id)
{
    auto text = std::to_string(id);
    std::string out(beast::detail::base64::encoded_size(text.size()), '\0');
    out.resize(beast::detail::base64::encode(out.data(), text.data(), text.size()));
    for (auto& ch : out)
        ch = ch == '+' ? '-' : ch == '/' ? '_' : ch;
    while (!out.empty() && out.back() == '=')
        out.pop_back();
    return out;
}

std::optional<std::int64_t> decode_cursor(const std::string& cursor)
{
    if (cursor.size() > 32)
        return std::nullopt;
    auto text = cursor;
    for (auto& ch : text)
        ch = ch == '-' ? '+' : ch == '_' ? '/' : ch;
    while (text.size() % 4 != 0)
        text.push_back('=');
    std::string raw(beast::detail::base64::decoded_size(text.size()), '\0');
    raw.resize(beast::detail::base64::decode(raw.data(), text.data(), text.size()).first);
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
    if (ec != std::errc{} || ptr != raw.data() + raw.size() || id <= 0 || encode_cursor(id) != cursor)
        return std::nullopt;
    return id;
}

} // namespace

page_request read_page_request(const request_context& ctx, int default_limit, int max_limit)
{
    page_request page{default_limit, std::nullopt};
    field_errors errors;
    if (auto limit = ctx.query_param("limit")) {
        int value = 0;
        auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (ec != std::errc{} || ptr != limit->data() + limit->size() || value < 1 || value > max_limit)
            errors.add("limit", "must be a whole number from 1 to " + std::to_string(max_limit));
        else
            page.limit = value;
    }
    if (auto cursor = ctx.query_param("cursor"); cursor && !cursor->empty()) {
        page.after_id = decode_cursor(*cursor);
        if (!page.after_id)
            errors.add("cursor", "is not a cursor this service gave out");
    }
    errors.throw_if_any("Some query parameters are not valid");
    return page;
}

http_json::json page_envelope(http_json::json items, const std::optional<std::int64_t>& next_after_id)
{
    return {{"items", std::move(items)},
            {"next_cursor", next_after_id ? http_json::json(encode_cursor(*next_after_id)) : http_json::json()}};
}

} // namespace pswnet
