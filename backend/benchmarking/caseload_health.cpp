// The caseload health check's arithmetic.
#include "benchmarking/caseload_health.hpp"

#include "benchmarking/statistics.hpp"

#include <algorithm>
#include <numeric>

namespace pswnet::benchmarking {

int caseload_return::case_holders() const noexcept
{
    return std::accumulate(counts.begin(), counts.end(), 0);
}

int caseload_return::above_cap() const noexcept
{
    int above = 0;
    for (std::size_t i = 0; i < caseload_bands.size(); ++i)
        if (caseload_bands[i].lowest > cap)
            above += counts[i];
    return above;
}

std::optional<double> caseload_return::share_above_cap() const noexcept
{
    const int total = case_holders();
    if (total == 0)
        return std::nullopt;
    return static_cast<double>(above_cap()) / total;
}

caseload_comparator compare_caseloads(group_kind group, std::string name, const std::vector<std::int64_t>& member_ids,
                                      const std::vector<caseload_return>& shared)
{
    caseload_comparator c;
    c.group = group;
    c.name = std::move(name);
    c.authorities = static_cast<int>(member_ids.size());
    std::vector<double> shares;
    for (const auto& r : shared) {
        if (std::find(member_ids.begin(), member_ids.end(), r.organisation.id) == member_ids.end())
            continue;
        c.members.push_back(r);
        c.case_holders += r.case_holders();
        c.above_cap += r.above_cap();
        if (auto share = r.share_above_cap())
            shares.push_back(*share);
    }
    std::sort(c.members.begin(), c.members.end(),
              [](const auto& a, const auto& b) { return a.organisation.name < b.organisation.name; });
    if (c.case_holders > 0)
        c.pooled_share = static_cast<double>(c.above_cap) / c.case_holders;
    c.median_share = statistics_of(std::move(shares)).median;
    return c;
}

} // namespace pswnet::benchmarking
