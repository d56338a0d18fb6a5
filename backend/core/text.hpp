// Text as people count and read it, shared by every capability: characters rather than bytes, cuts that never
// split a character, blank text, and tags.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pswnet::text {

inline constexpr std::size_t max_tag_length = 30;

// Characters (UTF-8 code points) of valid UTF-8 text.
std::size_t character_count(std::string_view text) noexcept;

// Empty or only spaces, tabs and line breaks.
bool blank(std::string_view text) noexcept;

// Without the spaces, tabs and line breaks at either end.
std::string trimmed(std::string_view text);

// ASCII letters in lower case (email addresses, codes); other bytes as they are.
std::string ascii_lower(std::string_view text);

// At most max_bytes bytes of the text, cut before a character that would not fit whole.
std::string_view cut_utf8(std::string_view text, std::size_t max_bytes) noexcept;

// Tags are lower-case letters and digits, with single hyphens for spaces, hyphens and underscores, and at most
// max_tag_length long; nullopt for anything else.
std::optional<std::string> normalise_tag(std::string_view tag);

} // namespace pswnet::text
