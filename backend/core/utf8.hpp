// UTF-8 validity: text from clients (files, headers) must be valid before it reaches PostgreSQL.
#pragma once

#include <string>
#include <string_view>

namespace pswnet {

// Rejects overlong forms, surrogates and code points above U+10FFFF.
bool is_valid_utf8(std::string_view text) noexcept;

// The text with each byte that does not begin a valid UTF-8 sequence replaced by U+FFFD and NUL characters
// dropped: what a PostgreSQL text column accepts, for text taken from files (which are not always UTF-8).
std::string valid_utf8(std::string_view text);

} // namespace pswnet
