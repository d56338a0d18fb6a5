// Caseload health check JSON encoders.
#include "benchmarking/caseload_json.hpp"

#include "benchmarking/model_json.hpp"

namespace pswnet::benchmarking {
namespace {

using nlohmann::json;

json share_or_null(const std::optional<double>& share)
{
    return share ? json(*share) : json(nullptr);
}

json counts_json(const caseload_counts& counts)
{
    json out = json::object();
    for (std::size_t i = 0; i < caseload_bands.size(); ++i)
        out[std::string(caseload_bands[i].key)] = counts[i];
    return out;
}

// A member of a comparator: the figures, not who entered them.
json member_json(const caseload_return& r)
{
    return {{"organisation", to_json(r.organisation)},
            {"cap", r.cap},
            {"counts", counts_json(r.counts)},
            {"case_holders", r.case_holders()},
            {"above_cap", r.above_cap()},
            {"share_above_cap", share_or_null(r.share_above_cap())}};
}

json comparator_json(const caseload_comparator& c)
{
    auto members = json::array();
    for (const auto& m : c.members)
        members.push_back(member_json(m));
    return {{"group", to_string(c.group)},
            {"group_id", c.group_id ? json(*c.group_id) : json(nullptr)},
            {"name", c.name},
            {"authorities", c.authorities},
            {"returns", c.members.size()},
            {"case_holders", c.case_holders},
            {"above_cap", c.above_cap},
            {"pooled_share", share_or_null(c.pooled_share)},
            {"median_share", share_or_null(c.median_share)},
            {"members", std::move(members)}};
}

} // namespace

json to_json(const caseload_return& r, const std::string& period, const std::string& service)
{
    auto out = member_json(r);
    out["period"] = period;
    out["service"] = service;
    out["status"] = r.status;
    out["updated_by"] = r.updated_by ? to_json(*r.updated_by) : json(nullptr);
    out["updated_at"] = r.updated_at;
    return out;
}

json to_json(const caseload_health& h)
{
    auto bands = json::array();
    for (const auto& band : caseload_bands)
        bands.push_back({{"key", band.key}, {"label", band.label}});
    auto comparators = json::array();
    for (const auto& c : h.comparators)
        comparators.push_back(comparator_json(c));
    return {{"organisation", to_json(h.organisation)},
            {"period", h.period},
            {"service", h.service},
            {"bands", std::move(bands)},
            {"own", h.own ? to_json(*h.own, h.period, h.service) : json(nullptr)},
            {"comparators", std::move(comparators)}};
}

} // namespace pswnet::benchmarking
