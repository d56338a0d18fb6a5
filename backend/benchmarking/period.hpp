// The periods figures are given for: a year such as 2023, or a quarter such as 2024-Q2.
#pragma once

#include "core/error.hpp"

#include <optional>
#include <string>

namespace pswnet::benchmarking {

// Adds a "period" error unless the period (when given) is a year or quarter from 2000 to next year.
void check_period(const std::optional<std::string>& period, field_errors& errors);

} // namespace pswnet::benchmarking
