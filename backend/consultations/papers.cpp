// Consultation paper rules.
#include "consultations/papers.hpp"

#include "consultations/policy.hpp"

#include <algorithm>

namespace pswnet::consultations {

awaitable<std::vector<paper>> papers::of(const principal& who, std::int64_t consultation_id)
{
    co_await consultations_.get(who, consultation_id); // 404 unless the caller may see it
    std::vector<paper> result;
    for (auto id : co_await store_.resource_ids(consultation_id)) {
        try {
            result.push_back(library::paper_of(co_await library_.get(who, id)));
        } catch (const api_error& e) {
            if (e.code() != errc::not_found) // deleted since it was attached
                throw;
        }
    }
    co_return result;
}

awaitable<std::vector<paper>> papers::attach(const principal& who, std::int64_t consultation_id,
                                             std::vector<std::int64_t> resource_ids, audit_context audit)
{
    co_await consultations_.get(who, consultation_id);
    if (!policy::is_office(who))
        throw api_error(errc::forbidden, "Only the Chief Social Workers' offices attach consultation papers.");
    field_errors errors;
    if (resource_ids.size() > max_papers)
        errors.add("resources", "must name at most " + std::to_string(max_papers) + " library resources");
    errors.throw_if_any();
    std::vector<std::int64_t> unique;
    for (std::size_t i = 0; i < resource_ids.size(); ++i) {
        const auto field = "resources[" + std::to_string(i) + "]";
        try {
            auto r = co_await library_.get(who, resource_ids[i]);
            if (r.visibility != library::resource_visibility::network)
                errors.add(field, "is not shared with the whole network, so not every reader could open it");
            else if (std::find(unique.begin(), unique.end(), r.id) == unique.end())
                unique.push_back(r.id);
        } catch (const api_error& e) {
            if (e.code() != errc::not_found)
                throw;
            errors.add(field, "is not a library resource");
        }
    }
    errors.throw_if_any();
    co_await store_.replace(consultation_id, std::move(unique), std::move(audit));
    co_return co_await of(who, consultation_id);
}

} // namespace pswnet::consultations
