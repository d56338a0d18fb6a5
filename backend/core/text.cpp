// Text as people count and read it.
#include "core/text.hpp"

#include <algorithm>
#include <cctype>

namespace pswnet::text {
namespace {

bool is_continuation(char c) noexcept
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::size_t character_count(std::string_view text) noexcept
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

bool blank(std::string_view text) noexcept
{
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string_view cut_utf8(std::string_view text, std::size_t max_bytes) noexcept
{
    if (text.size() <= max_bytes)
        return text;
    std::size_t start = max_bytes; // the first byte left out; back up to the start of the character it is in
    while (start > 0 && is_continuation(text[start]))
        --start;
    return text.substr(0, start);
}

std::optional<std::string> normalise_tag(std::string_view tag)
{
    std::string out;
    bool pending_hyphen = false;
    for (char c : tag) {
        auto u = static_cast<unsigned char>(c);
        if (c == ' ' || c == '-' || c == '_' || c == '\t') {
            pending_hyphen = !out.empty();
            continue;
        }
        if (u > 127 || !std::isalnum(u))
            return std::nullopt;
        if (pending_hyphen)
            out.push_back('-');
        pending_hyphen = false;
        out.push_back(static_cast<char>(std::tolower(u)));
    }
    if (out.empty() || out.size() > max_tag_length)
        return std::nullopt;
    return out;
}

std::string trimmed(std::string_view text)
{
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string ascii_lower(std::string_view text)
{
    std::string lowered(text);
    for (auto& c : lowered)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return lowered;
}

} // namespace pswnet::text
