// Group statistics and ranks. Members without a value are never counted: they are not zeros.
#include "benchmarking/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pswnet::benchmarking {

double quantile_type7(const std::vector<double>& ascending, double p)
{
    const double h = static_cast<double>(ascending.size() - 1) * p;
    const auto below = static_cast<std::size_t>(std::floor(h));
    if (below + 1 >= ascending.size())
        return ascending.back();
    return ascending[below] + (h - static_cast<double>(below)) * (ascending[below + 1] - ascending[below]);
}

group_statistics statistics_of(std::vector<double> values)
{
    group_statistics s;
    s.count = static_cast<int>(values.size());
    if (values.empty())
        return s;
    std::sort(values.begin(), values.end());
    s.lower_quartile = quantile_type7(values, 0.25);
    s.median = quantile_type7(values, 0.5);
    s.upper_quartile = quantile_type7(values, 0.75);
    s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    s.min = values.front();
    s.max = values.back();
    return s;
}

std::optional<int> competition_rank(double value, const std::vector<double>& values, polarity p)
{
    if (p == polarity::neutral)
        return std::nullopt;
    auto better = std::count_if(values.begin(), values.end(), [&](double other) {
        return p == polarity::lower_is_better ? other < value : other > value;
    });
    return 1 + static_cast<int>(better);
}

std::optional<std::string> quartile_band(double value, const group_statistics& s)
{
    if (!s.median)
        return std::nullopt;
    if (value <= *s.lower_quartile)
        return "lowest";
    if (value <= *s.median)
        return "lower_middle";
    if (value <= *s.upper_quartile)
        return "upper_middle";
    return "highest";
}

void rank_members(std::vector<member>& members, polarity p)
{
    std::vector<double> values;
    for (const auto& m : members)
        if (m.figure.value)
            values.push_back(*m.figure.value);
    for (auto& m : members)
        m.rank = m.figure.value ? competition_rank(*m.figure.value, values, p) : std::nullopt;
    std::stable_sort(members.begin(), members.end(), [p](const member& a, const member& b) {
        if (a.figure.value.has_value() != b.figure.value.has_value())
            return a.figure.value.has_value();
        if (a.figure.value && *a.figure.value != *b.figure.value)
            return p == polarity::lower_is_better ? *a.figure.value < *b.figure.value
                                                  : *a.figure.value > *b.figure.value;
        return a.organisation.name < b.organisation.name;
    });
}

} // namespace pswnet::benchmarking
