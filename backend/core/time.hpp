// Moments as the API writes them: RFC 3339 date-times ("2026-12-01T09:00:00Z", or with an offset such as
// "+01:00" for British Summer Time), as seconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace pswnet::time {

// nullopt for anything that is not a complete RFC 3339 date-time with a zone (Z or an offset).
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

std::int64_t now_seconds() noexcept;

// A day of the Gregorian calendar written YYYY-MM-DD ("2026-02-29" is not one), from year 2000 to 2199.
bool is_calendar_date(std::string_view text);

// A time of day written HH:MM, 24-hour ("09:30", "23:59").
bool is_clock_time(std::string_view text);

} // namespace pswnet::time
