// Directory rules. Every signed-in user may read the whole directory: it is public-sector reference data.
#include "directory/service.hpp"

#include "core/error.hpp"
#include "core/validation.hpp"

#include <array>
#include <charconv>
#include <regex>

namespace pswnet::directory {
namespace {

constexpr std::array kinds{
    "local_authority", "csw_office", "nhs_trust", "childrens_trust", "community_interest_company", "other"};

constexpr validation::choices employer_kinds{"nhs_trust", "childrens_trust", "community_interest_company", "other"};

} // namespace

awaitable<organisation_page> service::list(const principal& /*who*/, organisation_filter filter)
{
    field_errors errors;
    if (filter.kind && std::find(kinds.begin(), kinds.end(), *filter.kind) == kinds.end())
        errors.add("kind", "must be one of local_authority, csw_office, nhs_trust, childrens_trust, "
                           "community_interest_company, other");
    if (filter.region_code && !co_await store_.region_exists(*filter.region_code))
        errors.add("region", "must be an England region code such as E12000008");
    if (filter.q && filter.q->size() > 100)
        errors.add("q", "must be at most 100 characters");
    if (filter.limit < 1 || filter.limit > max_page_size)
        errors.add("limit", "must be from 1 to 100");
    errors.throw_if_any("Some query parameters are not valid");
    if (filter.q && filter.q->empty())
        filter.q.reset();
    co_return co_await store_.list(std::move(filter));
}

awaitable<organisation> service::get(const principal& /*who*/, std::int64_t id)
{
    auto found = co_await store_.find(id);
    if (!found)
        throw api_error(errc::not_found, "There is no organisation " + std::to_string(id) + ".");
    co_return std::move(*found);
}

awaitable<std::vector<neighbour>> service::neighbours(const principal& who, std::int64_t id, neighbour_group group)
{
    co_await get(who, id);
    if (group == neighbour_group::statistical)
        co_return co_await store_.statistical_neighbours(id);
    co_return co_await store_.region_neighbours(id);
}

awaitable<std::vector<region_count>> service::regions(const principal& /*who*/)
{
    co_return co_await store_.regions();
}

awaitable<organisation> service::add_employer(const std::optional<principal>& who, new_employer employer,
                                              audit_context audit)
{
    if (who && !who->has(role::network_admin))
        throw api_error(errc::forbidden, "Only network administrators add organisations to the directory.");
    field_errors errors;
    validation::check_choice(errors, "kind", employer.kind, employer_kinds);
    validation::check_text(errors, "name", employer.name, 200);
    static const std::regex code_pattern("^[A-Z0-9][A-Z0-9-]{1,39}$");
    if (!std::regex_match(employer.code, code_pattern))
        errors.add("code", "must be 2 to 40 capital letters, digits or hyphens, such as BCT or NHCT-ADULTS");
    if (employer.region_code && !co_await store_.region_exists(*employer.region_code))
        errors.add("region_code", "must be an England region code such as E12000008");
    validation::check_choice(errors, "services", employer.services, {"children", "adults", "both"});
    if (employer.works_for.size() > 20)
        errors.add("works_for", "must name at most 20 local authorities");
    std::vector<std::int64_t> authorities;
    for (std::size_t i = 0; i < employer.works_for.size() && i < 20; ++i) {
        auto found = co_await store_.find(employer.works_for[i]);
        if (!found || found->kind != "local_authority")
            errors.add("works_for[" + std::to_string(i) + "]", "is not a local authority of the directory");
        else if (std::find(authorities.begin(), authorities.end(), found->id) == authorities.end())
            authorities.push_back(found->id);
    }
    errors.throw_if_any();
    employer.works_for = std::move(authorities);
    const auto code = employer.code;
    auto id = co_await store_.add_employer(std::move(employer), std::move(audit));
    if (!id)
        throw api_error(errc::conflict, "Another organisation already has the code " + code + ".",
                        {{"code", "another organisation already has this code"}});
    co_return *co_await store_.find(*id);
}

awaitable<std::optional<organisation>> service::find(std::int64_t id)
{
    co_return co_await store_.find(id);
}

awaitable<std::optional<organisation>> service::find_by_code_or_id(std::string code_or_id)
{
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(code_or_id.data(), code_or_id.data() + code_or_id.size(), id);
    if (ec == std::errc{} && ptr == code_or_id.data() + code_or_id.size())
        co_return co_await store_.find(id);
    co_return co_await store_.find_by_code(std::move(code_or_id));
}

awaitable<bool> service::region_exists(std::string code)
{
    co_return co_await store_.region_exists(std::move(code));
}

} // namespace pswnet::directory
