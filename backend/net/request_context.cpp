// Accessors of request_context that turn missing or malformed parts into typed errors.
#include "net/request_context.hpp"

#include <charconv>

namespace pswnet {

const principal& request_context::signed_in() const
{
    if (!principal)
        throw api_error(errc::unauthenticated, "Sign in to use this.");
    return *principal;
}

std::int64_t request_context::id_param(std::string_view name) const
{
    auto it = path_params.find(name);
    std::int64_t id = 0;
    if (it != path_params.end()) {
        const auto& text = it->second;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec == std::errc{} && ptr == text.data() + text.size() && id > 0)
            return id;
    }
    throw api_error(errc::not_found, "There is nothing at this address.");
}

audit_context request_context::audit() const
{
    return {principal ? std::optional(principal->user_id) : std::nullopt, request_id, client_address};
}

std::optional<std::string> request_context::query_param(std::string_view name) const
{
    auto it = query.find(name);
    if (it == query.end())
        return std::nullopt;
    return it->second;
}

http_json::json request_context::json_body() const
{
    auto type = request[http::field::content_type];
    auto semicolon = type.find(';');
    auto media = type.substr(0, semicolon);
    while (!media.empty() && media.back() == ' ')
        media.remove_suffix(1);
    if (!beast::iequals(media, "application/json"))
        throw api_error(errc::unsupported_media_type, "Send the body as application/json.");
    return http_json::parse(request.body());
}

std::string percent_decode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        if (ch == '+') {
            out.push_back(' ');
        } else if (ch == '%' && i + 2 < text.size()) {
            unsigned value = 0;
            auto [ptr, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
            if (ec == std::errc{} && ptr == text.data() + i + 3) {
                out.push_back(static_cast<char>(value));
                i += 2;
            } else {
                out.push_back(ch);
            }
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

std::map<std::string, std::string, std::less<>> parse_query(std::string_view query)
{
    std::map<std::string, std::string, std::less<>> params;
    while (!query.empty()) {
        auto amp = query.find('&');
        auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty())
            continue;
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq));
        auto value = eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1));
        params.emplace(std::move(key), std::move(value));
    }
    return params;
}

} // namespace pswnet
