// Behaviour of the library types that is not JSON: the names of a resource's visibilities.
#include "library/model.hpp"

namespace pswnet::library {

std::string_view to_string(resource_visibility value) noexcept
{
    switch (value) {
    case resource_visibility::network:
        return "network";
    case resource_visibility::region:
        return "region";
    case resource_visibility::group:
        return "group";
    case resource_visibility::organisation:
        break;
    }
    return "organisation";
}

std::optional<resource_visibility> parse_resource_visibility(std::string_view text) noexcept
{
    for (auto visibility : {resource_visibility::network, resource_visibility::region,
                            resource_visibility::organisation, resource_visibility::group})
        if (text == to_string(visibility))
            return visibility;
    return std::nullopt;
}

paper paper_of(const resource& r)
{
    return {r.id, r.title, r.type, r.link_url, r.latest_file};
}

} // namespace pswnet::library
