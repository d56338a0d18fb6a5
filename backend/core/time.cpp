// Moments as the API writes them: RFC 3339 date-times, as seconds since the Unix epoch.
#include "core/time.hpp"

#include <chrono>
#include <ctime>
#include <regex>
#include <string>

namespace pswnet::time {

std::optional<std::int64_t> parse_rfc3339(std::string_view text)
{
    static const std::regex pattern(
        R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$)");
    std::match_results<std::string_view::const_iterator> m;
    if (text.size() > 40 || !std::regex_match(text.begin(), text.end(), m, pattern))
        return std::nullopt;
    auto number = [&](int i) { return m[i].matched ? std::stoi(m[i].str()) : 0; };
    std::tm tm{};
    tm.tm_year = number(1) - 1900;
    tm.tm_mon = number(2) - 1;
    tm.tm_mday = number(3);
    tm.tm_hour = number(4);
    tm.tm_min = number(5);
    tm.tm_sec = number(6);
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return std::nullopt;
    std::int64_t seconds = timegm(&tm);
    if (m[7].str() != "Z") {
        int offset = number(8) * 3600 + number(9) * 60;
        seconds -= m[7].str()[0] == '+' ? offset : -offset;
    }
    return seconds;
}

std::int64_t now_seconds() noexcept
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool is_calendar_date(std::string_view text)
{
    static const std::regex pattern(R"(^(2[01]\d{2})-(\d{2})-(\d{2})$)");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(text.begin(), text.end(), m, pattern))
        return false;
    const std::chrono::year_month_day day{std::chrono::year(std::stoi(m[1].str())),
                                          std::chrono::month(static_cast<unsigned>(std::stoi(m[2].str()))),
                                          std::chrono::day(static_cast<unsigned>(std::stoi(m[3].str())))};
    return day.ok();
}

bool is_clock_time(std::string_view text)
{
    static const std::regex pattern(R"(^([01]\d|2[0-3]):[0-5]\d$)");
    return std::regex_match(text.begin(), text.end(), pattern);
}

} // namespace pswnet::time
