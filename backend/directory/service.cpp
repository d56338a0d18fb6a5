// Directory rules. Every signed-in user may read the whole directory: it is public-sector reference data.
#include "directory/service.hpp"

#include "core/error.hpp"

#include <array>
#include <charconv>

namespace pswnet::directory {
namespace {

constexpr std::array kinds{"local_authority", "csw_office", "nhs_trust", "other"};

} // namespace

awaitable<organisation_page> service::list(const principal& /*who*/, organisation_filter filter)
{
    field_errors errors;
    if (filter.kind && std::find(kinds.begin(), kinds.end(), *filter.kind) == kinds.end())
        errors.add("kind", "must be one of local_authority, csw_office, nhs_trust, other");
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
