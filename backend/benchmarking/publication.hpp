// Where a period's official figures come from and when the next ones are due. The DfE publishes "Children's social
// work workforce" once a year, in February, with figures as at 30 September of the year before.
#pragma once

#include <optional>
#include <string>

namespace pswnet::benchmarking {

struct publication {
    std::string name;        // Children's social work workforce
    std::string publisher;   // Department for Education
    std::string url;         // the statistics' page on explore-education-statistics
    std::string as_at;       // the day the figures describe: 2023-09-30
    std::string published;   // the month the figures came out: 2024-02
    std::string next_period; // the period the next release brings: 2024
    std::string next_due;    // the month it is due: 2025-02
};

// The DfE release that brings a reporting year's figures; empty for quarters, which only authorities report.
std::optional<publication> dfe_workforce_publication(const std::string& period);

} // namespace pswnet::benchmarking
