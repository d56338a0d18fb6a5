// Who is making a request: the signed-in user, their organisation, sector and roles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet {

enum class sector { children, adults, both };
enum class role { member, org_admin, csw_office, moderator, network_admin };

std::string_view to_string(sector value) noexcept;
std::string_view to_string(role value) noexcept;
std::optional<sector> parse_sector(std::string_view text) noexcept;
std::optional<role> parse_role(std::string_view text) noexcept;
// Roles as the database's array_to_string(roles, ',') writes them; unknown names are left out.
std::vector<role> parse_role_list(std::string_view comma_separated);

enum class credential_kind { cookie, bearer };

struct principal {
    std::int64_t user_id = 0;
    std::int64_t organisation_id = 0;
    std::int64_t session_id = 0;
    pswnet::sector sector = sector::both;
    std::vector<role> roles;
    credential_kind credential = credential_kind::bearer;

    bool has(role wanted) const noexcept;
};

} // namespace pswnet
