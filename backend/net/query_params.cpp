#include "net/query_params.hpp"

#include <charconv>

namespace pswnet {

std::optional<std::int64_t> integer_query(const request_context& ctx, std::string_view name)
{
    auto text = ctx.query_param(name);
    if (!text || text->empty())
        return std::nullopt;
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || ptr != text->data() + text->size() || value <= 0)
        throw api_error(errc::validation_failed, "Some query parameters are not valid",
                        {{std::string(name), "must be a positive whole number"}});
    return value;
}

bool boolean_query(const request_context& ctx, std::string_view name)
{
    auto text = ctx.query_param(name);
    if (!text || text->empty() || *text == "false")
        return false;
    if (*text == "true")
        return true;
    throw api_error(errc::validation_failed, "Some query parameters are not valid",
                    {{std::string(name), "must be true or false"}});
}

std::optional<std::string> text_query(const request_context& ctx, std::string_view name)
{
    auto text = ctx.query_param(name);
    if (text && text->empty())
        return std::nullopt;
    return text;
}

} // namespace pswnet
