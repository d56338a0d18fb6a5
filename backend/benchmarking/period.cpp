// Period checks.
#include "benchmarking/period.hpp"

#include "benchmarking/import_file.hpp"

#include <chrono>

namespace pswnet::benchmarking {
namespace {

int current_year()
{
    auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    return static_cast<int>(today.year());
}

} // namespace

void check_period(const std::optional<std::string>& period, field_errors& errors)
{
    if (!period)
        return;
    if (!is_period(*period))
        errors.add("period", "must be a year such as 2023 or a quarter such as 2024-Q2");
    else if (int year = std::stoi(period->substr(0, 4)); year < 2000 || year > current_year() + 1)
        errors.add("period", "must be a year from 2000 to " + std::to_string(current_year() + 1));
}

} // namespace pswnet::benchmarking
