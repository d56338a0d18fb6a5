// Query parameters of list endpoints, read alike everywhere: a bad value is a 422 naming the parameter.
#pragma once

#include "net/request_context.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pswnet {

// A positive whole number (an id); absent or empty is none.
std::optional<std::int64_t> integer_query(const request_context& ctx, std::string_view name);

// true or false; absent or empty is false.
bool boolean_query(const request_context& ctx, std::string_view name);

// The text given; absent or empty is none.
std::optional<std::string> text_query(const request_context& ctx, std::string_view name);

} // namespace pswnet
