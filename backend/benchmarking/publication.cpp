#include "benchmarking/publication.hpp"

namespace pswnet::benchmarking {

std::optional<publication> dfe_workforce_publication(const std::string& period)
{
    if (period.size() != 4)
        return std::nullopt;
    const int year = std::stoi(period);
    return publication{
        "Children's social work workforce",
        "Department for Education",
        "https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce",
        period + "-09-30",
        std::to_string(year + 1) + "-02",
        std::to_string(year + 1),
        std::to_string(year + 2) + "-02",
    };
}

} // namespace pswnet::benchmarking
