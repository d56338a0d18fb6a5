#include "identity/who_is_who.hpp"

#include "core/error.hpp"

namespace pswnet::identity {

std::string_view to_string(psw_role value) noexcept
{
    switch (value) {
    case psw_role::children:
        return "children";
    case psw_role::adults:
        return "adults";
    case psw_role::both:
        return "both";
    case psw_role::none:
        break;
    }
    return "no";
}

std::optional<psw_role> parse_psw_role(std::string_view text) noexcept
{
    for (auto value : {psw_role::none, psw_role::children, psw_role::adults, psw_role::both})
        if (to_string(value) == text)
            return value;
    return std::nullopt;
}

bool holds_psw_role_for(psw_role held, sector services) noexcept
{
    return held == psw_role::both || (held == psw_role::children && services == sector::children) ||
           (held == psw_role::adults && services == sector::adults);
}

std::vector<psw_holding> psw_roles_of(const listed_people& people)
{
    std::vector<psw_holding> roles;
    for (auto services : {sector::children, sector::adults}) {
        psw_holding holding{.services = services};
        for (const auto& person : people.listed)
            if (holds_psw_role_for(person.principal_social_worker, services))
                holding.holders.push_back(person);
        bool unlisted = services == sector::children ? people.unlisted_children_psw : people.unlisted_adults_psw;
        if (!holding.holders.empty())
            holding.held = psw_holding::state::listed;
        else if (unlisted)
            holding.held = psw_holding::state::unlisted;
        roles.push_back(std::move(holding));
    }
    return roles;
}

awaitable<organisation_people> who_is_who::people(const principal& who, std::int64_t organisation_id)
{
    (void)who; // any signed-in member: the route has made sure there is one
    auto organisation = co_await directory_.find(organisation_id);
    if (!organisation)
        throw api_error(errc::not_found, "There is no organisation " + std::to_string(organisation_id) + ".");
    auto listed = co_await people_.people_of(organisation_id);
    organisation_people found;
    if (organisation->kind == "local_authority")
        found.psw_roles = psw_roles_of(listed);
    found.items = std::move(listed.listed);
    co_return found;
}

} // namespace pswnet::identity
