// Caseload health check rules.
#include "benchmarking/caseload_check.hpp"

#include "benchmarking/period.hpp"
#include "benchmarking/policy.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace pswnet::benchmarking {
namespace {

constexpr validation::choices services{"children", "adults"};
constexpr validation::choices statuses{"draft", "shared"};

std::string service_words(std::string_view service)
{
    return service == "adults" ? "adults' services" : "children's services";
}

void check_service(const std::string& service, field_errors& errors)
{
    validation::check_choice(errors, "service", service, services);
}

std::vector<std::int64_t> ids_where(const std::vector<authority>& all, const authority& subject, const auto& belongs)
{
    std::vector<std::int64_t> ids;
    for (const auto& a : all)
        if (a.organisation.id != subject.organisation.id && belongs(a))
            ids.push_back(a.organisation.id);
    return ids;
}

} // namespace

awaitable<authority> caseload_check::authority_of(std::int64_t organisation_id, const std::vector<authority>& all)
{
    auto found =
        std::find_if(all.begin(), all.end(), [&](const authority& a) { return a.organisation.id == organisation_id; });
    if (found != all.end())
        co_return *found;
    auto organisation = co_await store_.organisation(organisation_id);
    if (!organisation)
        throw api_error(errc::not_found, "There is no organisation " + std::to_string(organisation_id) + ".");
    throw api_error(errc::validation_failed, "Some parameters are not valid",
                    {{"organisation_id", organisation->name + " is not a local authority, so it has no caseload "
                                                              "health check"}});
}

awaitable<caseload_health> caseload_check::health(const principal& who, std::optional<std::int64_t> organisation_id,
                                                  std::optional<std::string> period, std::optional<std::string> service)
{
    field_errors errors;
    check_period(period, errors);
    const auto the_service = service.value_or(who.sector == pswnet::sector::adults ? "adults" : "children");
    check_service(the_service, errors);
    errors.throw_if_any("Some query parameters are not valid");
    const auto all = co_await store_.authorities();
    const auto subject = co_await authority_of(organisation_id.value_or(who.organisation_id), all);
    if (!period)
        period = co_await returns_.newest_period(subject.organisation.id, the_service);
    if (!period)
        throw api_error(errc::not_found,
                        "No authority has shared a caseload health check for " + service_words(the_service) + " yet.");

    caseload_health health;
    health.organisation = subject.organisation;
    health.period = *period;
    health.service = the_service;
    if (auto own = co_await returns_.find(subject.organisation.id, *period, the_service);
        own && (own->status == "shared" || policy::may_see_draft(who, subject.organisation.id)))
        health.own = std::move(own);

    const auto shared = co_await returns_.shared(*period, the_service);
    if (the_service == "children" && subject.in_sn_model) {
        std::vector<std::int64_t> neighbours;
        for (const auto& link : co_await store_.statistical_neighbours(subject.organisation.id))
            neighbours.push_back(link.neighbour_id);
        health.comparators.push_back(
            compare_caseloads(group_kind::statistical, "Statistical neighbours (DfE 2025 model)", neighbours, shared));
    }
    if (subject.region_code)
        health.comparators.push_back(compare_caseloads(
            group_kind::region, subject.region_name.value_or("Region"),
            ids_where(all, subject, [&](const authority& a) { return a.region_code == subject.region_code; }), shared));
    health.comparators.push_back(compare_caseloads(
        group_kind::england, "England", ids_where(all, subject, [](const authority&) { return true; }), shared));
    for (const auto& group : co_await groups_.list(who)) {
        std::vector<std::int64_t> members;
        for (const auto& m : group.members)
            if (m.id != subject.organisation.id)
                members.push_back(m.id);
        auto comparator = compare_caseloads(group_kind::saved, group.name, members, shared);
        comparator.group_id = group.id;
        health.comparators.push_back(std::move(comparator));
    }
    co_return health;
}

awaitable<caseload_return> caseload_check::return_of(const principal& who, std::int64_t organisation_id,
                                                     std::string period, std::string service)
{
    field_errors errors;
    check_period(period, errors);
    check_service(service, errors);
    errors.throw_if_any("Some path parameters are not valid");
    auto authority = co_await authority_of(organisation_id, co_await store_.authorities());
    auto found = co_await returns_.find(organisation_id, period, service);
    if (!found || (found->status != "shared" && !policy::may_see_draft(who, organisation_id)))
        throw api_error(errc::not_found, authority.organisation.name + " has no caseload health check for " +
                                             service_words(service) + " in " + period + ".");
    co_return std::move(*found);
}

awaitable<caseload_return> caseload_check::save(const principal& who, std::int64_t organisation_id, std::string period,
                                                std::string service, caseload_change change, audit_context audit)
{
    auto authority = co_await authority_of(organisation_id, co_await store_.authorities());
    if (!policy::may_edit_submission(who, organisation_id))
        throw api_error(errc::forbidden, "Only " + authority.organisation.name +
                                             "'s organisation administrators (or a network administrator) enter its "
                                             "caseload health check.");
    field_errors errors;
    check_period(period, errors);
    check_service(service, errors);
    validation::check_choice(errors, "status", change.status, statuses);
    if (std::find(caseload_caps.begin(), caseload_caps.end(), change.cap) == caseload_caps.end())
        errors.add("cap", "must be 12, 15, 18 or 22: the top of a band, so that the workers above it are counted "
                          "exactly");
    int total = 0;
    for (std::size_t i = 0; i < caseload_bands.size(); ++i) {
        if (change.counts[i] < 0 || change.counts[i] > 100000)
            errors.add("counts." + std::string(caseload_bands[i].key), "must be a whole number from 0 to 100,000");
        else
            total += change.counts[i];
    }
    if (total == 0 && errors.empty())
        errors.add("counts", "must count at least one case-holding social worker");
    errors.throw_if_any();
    co_await returns_.save(organisation_id, period, service, std::move(change), std::move(audit));
    co_return co_await return_of(who, organisation_id, std::move(period), std::move(service));
}

} // namespace pswnet::benchmarking
