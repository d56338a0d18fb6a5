#include "identity/device_name.hpp"

#include <array>
#include <utility>

namespace pswnet::identity {
namespace {

bool has(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

// The first match wins: Edge and Opera also say Chrome, Chrome also says Safari.
std::string_view browser_of(std::string_view agent)
{
    constexpr std::array<std::pair<std::string_view, std::string_view>, 7> browsers{{
        {"Edg", "Edge"},
        {"OPR/", "Opera"},
        {"Firefox/", "Firefox"},
        {"FxiOS/", "Firefox"},
        {"CriOS/", "Chrome"},
        {"Chrome/", "Chrome"},
        {"Safari/", "Safari"},
    }};
    for (const auto& [marker, name] : browsers)
        if (has(agent, marker))
            return name;
    return {};
}

std::string_view system_of(std::string_view agent)
{
    constexpr std::array<std::pair<std::string_view, std::string_view>, 8> systems{{
        {"iPhone", "iPhone"},
        {"iPad", "iPad"},
        {"Android", "Android"},
        {"CrOS", "ChromeOS"},
        {"Windows", "Windows"},
        {"Mac OS X", "macOS"},
        {"Macintosh", "macOS"},
        {"Linux", "Linux"},
    }};
    for (const auto& [marker, name] : systems)
        if (has(agent, marker))
            return name;
    return {};
}

} // namespace

std::string device_name(std::string_view user_agent)
{
    if (user_agent.empty())
        return "Unknown device";
    auto browser = browser_of(user_agent);
    auto system = system_of(user_agent);
    if (browser.empty() && system.empty())
        return "Another program";
    if (system.empty())
        return std::string(browser);
    return std::string(browser.empty() ? "Unknown browser" : browser) + " on " + std::string(system);
}

} // namespace pswnet::identity
