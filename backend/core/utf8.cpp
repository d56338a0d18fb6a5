// The UTF-8 check, and making text from files valid.
#include "core/utf8.hpp"

namespace pswnet {

namespace {

// The length of the valid UTF-8 sequence at text[i], or 0.
std::size_t sequence_length(std::string_view text, std::size_t i) noexcept
{
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size() || (length == 2 && c < 0xC2))
        return 0;
    for (std::size_t k = 1; k < length; ++k)
        if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2)
            return 0;
    if (length == 3) {
        auto c1 = static_cast<unsigned char>(text[i + 1]);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) // overlong, surrogates
            return 0;
    }
    if (length == 4) {
        auto c1 = static_cast<unsigned char>(text[i + 1]);
        if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90))
            return 0;
    }
    return length;
}

} // namespace

bool is_valid_utf8(std::string_view text) noexcept
{
    for (std::size_t i = 0; i < text.size();) {
        auto length = sequence_length(text, i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

std::string valid_utf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto length = sequence_length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            ++i;
            continue;
        }
        if (text[i] != '\0')
            out.append(text, i, length);
        i += length;
    }
    return out;
}

} // namespace pswnet
