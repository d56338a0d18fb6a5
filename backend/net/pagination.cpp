// Cursors are the id of the last item of the previous page, base64url-encoded so clients treat them as opaque.
#include "net/pagination.hpp"

#include <boost/beast/core/detail/base64.hpp>

#include <algorithm>
#include <charconv>

namespace pswnet {
namespace {

std::string encode_text(const std::string& text)
{
    std::string out(beast::detail::base64::encoded_size(text.size()), '\0');
    out.resize(beast::detail::base64::encode(out.data(), text.data(), text.size()));
    for (auto& ch : out)
        ch = ch == '+' ? '-' : ch == '/' ? '_' : ch;
    while (!out.empty() && out.back() == '=')
        out.pop_back();
    return out;
}

std::string encode_cursor(std::int64_t id)
{
    return encode_text(std::to_string(id));
}

std::string encode_position(const keyset_position& p)
{
    return encode_text(p.key + "|" + std::to_string(p.id));
}

std::optional<std::string> decode_text(const std::string& cursor)
{
    if (cursor.size() > 128)
        return std::nullopt;
    auto text = cursor;
    for (auto& ch : text)
        ch = ch == '-' ? '+' : ch == '_' ? '/' : ch;
    while (text.size() % 4 != 0)
        text.push_back('=');
    std::string raw(beast::detail::base64::decoded_size(text.size()), '\0');
    raw.resize(beast::detail::base64::decode(raw.data(), text.data(), text.size()).first);
    if (encode_text(raw) != cursor)
        return std::nullopt;
    return raw;
}

std::optional<std::int64_t> positive_integer(std::string_view text)
{
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || ptr != text.data() + text.size() || id <= 0)
        return std::nullopt;
    return id;
}

std::optional<std::int64_t> decode_cursor(const std::string& cursor)
{
    auto raw = decode_text(cursor);
    return raw ? positive_integer(*raw) : std::nullopt;
}

// The key is an RFC 3339 time with microseconds, as the stores write it.
std::optional<keyset_position> decode_position(const std::string& cursor)
{
    auto raw = decode_text(cursor);
    if (!raw)
        return std::nullopt;
    auto bar = raw->rfind('|');
    if (bar == std::string::npos || bar > 40)
        return std::nullopt;
    auto key = raw->substr(0, bar);
    bool time_like = std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == ':' || c == 'T' || c == 'Z' || c == '.';
    });
    auto id = positive_integer(std::string_view(*raw).substr(bar + 1));
    if (!time_like || key.empty() || !id)
        return std::nullopt;
    return keyset_position{key, *id};
}

} // namespace

page_request read_page_request(const request_context& ctx, int default_limit, int max_limit, cursor_kind kind)
{
    page_request page;
    page.limit = default_limit;
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
        bool valid = false;
        if (kind == cursor_kind::id) {
            page.after_id = decode_cursor(*cursor);
            valid = page.after_id.has_value();
        } else {
            page.after_position = decode_position(*cursor);
            valid = page.after_position.has_value();
        }
        if (!valid)
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

http_json::json page_envelope(http_json::json items, const std::optional<keyset_position>& next)
{
    return {{"items", std::move(items)},
            {"next_cursor", next ? http_json::json(encode_position(*next)) : http_json::json()}};
}

} // namespace pswnet
