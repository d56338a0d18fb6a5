// Names of sectors and roles as they appear in the API and the database.
#include "core/principal.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace pswnet {
namespace {

constexpr std::array sector_names{
    std::pair{sector::children, std::string_view("children")},
    std::pair{sector::adults, std::string_view("adults")},
    std::pair{sector::both, std::string_view("both")},
};

constexpr std::array role_names{
    std::pair{role::member, std::string_view("member")},
    std::pair{role::org_admin, std::string_view("org_admin")},
    std::pair{role::csw_office, std::string_view("csw_office")},
    std::pair{role::moderator, std::string_view("moderator")},
    std::pair{role::network_admin, std::string_view("network_admin")},
};

template <class Table, class Value> std::string_view name_of(const Table& table, Value value) noexcept
{
    for (const auto& [v, name] : table)
        if (v == value)
            return name;
    return {};
}

template <class Table>
auto value_of(const Table& table, std::string_view text) noexcept
    -> std::optional<typename Table::value_type::first_type>
{
    for (const auto& [v, name] : table)
        if (name == text)
            return v;
    return std::nullopt;
}

} // namespace

std::string_view to_string(sector value) noexcept
{
    return name_of(sector_names, value);
}
std::string_view to_string(role value) noexcept
{
    return name_of(role_names, value);
}
std::optional<sector> parse_sector(std::string_view text) noexcept
{
    return value_of(sector_names, text);
}
std::optional<role> parse_role(std::string_view text) noexcept
{
    return value_of(role_names, text);
}

std::vector<role> parse_role_list(std::string_view comma_separated)
{
    std::vector<role> roles;
    while (!comma_separated.empty()) {
        auto comma = std::min(comma_separated.find(','), comma_separated.size());
        if (auto r = parse_role(comma_separated.substr(0, comma)))
            roles.push_back(*r);
        comma_separated.remove_prefix(std::min(comma + 1, comma_separated.size()));
    }
    return roles;
}

bool principal::has(role wanted) const noexcept
{
    return std::find(roles.begin(), roles.end(), wanted) != roles.end();
}

} // namespace pswnet
