// An optional value as JSON: the value, or null.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

namespace pswnet {

template <class T> nlohmann::json or_null(const std::optional<T>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json();
}

} // namespace pswnet
