// The caseload health check: how many case-holding social workers an authority has in each caseload band, against
// its local cap, and the share above the cap beside its neighbours', region's, England's and saved groups'. Counts
// only, never people. The types and the pure arithmetic; the store reads and writes returns.
#pragma once

#include "benchmarking/model.hpp"
#include "core/references.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::benchmarking {

struct caseload_band {
    std::string_view key;   // as the API names it
    std::string_view label; // as people read it
    int lowest = 0;         // the fewest cases a worker in the band holds
};

// A cap is the top of a band, so that the workers above it are counted exactly.
inline constexpr std::array<caseload_band, 5> caseload_bands{{{"up_to_12", "12 or fewer", 0},
                                                              {"13_to_15", "13 to 15", 13},
                                                              {"16_to_18", "16 to 18", 16},
                                                              {"19_to_22", "19 to 22", 19},
                                                              {"over_22", "More than 22", 23}}};
inline constexpr std::array<int, 4> caseload_caps{12, 15, 18, 22};

using caseload_counts = std::array<int, caseload_bands.size()>;

// One authority's return for a period and service.
struct caseload_return {
    organisation_ref organisation;
    int cap = 18;
    caseload_counts counts{};
    std::string status; // draft or shared
    std::optional<person_ref> updated_by;
    std::string updated_at;

    int case_holders() const noexcept;
    int above_cap() const noexcept;                         // workers in the bands wholly above the cap
    std::optional<double> share_above_cap() const noexcept; // above_cap / case_holders
};

struct caseload_change {
    int cap = 0;
    caseload_counts counts{};
    std::string status;
};

// A group the authority is compared with: its members' shared returns (never the authority's own) and two summaries:
// the pooled share (all members' workers above their caps over all their case-holders) and the median of the
// members' shares (R type 7, as every other benchmarking median).
struct caseload_comparator {
    group_kind group = group_kind::region;
    std::optional<std::int64_t> group_id; // a saved group's
    std::string name;
    int authorities = 0;                  // in the group, the authority itself left out
    std::vector<caseload_return> members; // those that shared a return, by name
    int case_holders = 0;
    int above_cap = 0;
    std::optional<double> pooled_share;
    std::optional<double> median_share;
};

struct caseload_health {
    organisation_ref organisation;
    std::string period;
    std::string service;                // children or adults
    std::optional<caseload_return> own; // a draft only for the organisation itself
    std::vector<caseload_comparator> comparators;
};

// The comparator of a group: member_ids (the authority left out) and every shared return of the period and service.
caseload_comparator compare_caseloads(group_kind group, std::string name, const std::vector<std::int64_t>& member_ids,
                                      const std::vector<caseload_return>& shared);

} // namespace pswnet::benchmarking
