// UTF-8 validity: text from clients (files, headers) must be valid before it reaches PostgreSQL.
#pragma once

#include <string_view>

namespace pswnet {

// Rejects overlong forms, surrogates and code points above U+10FFFF.
bool is_valid_utf8(std::string_view text) noexcept;

} // namespace pswnet
