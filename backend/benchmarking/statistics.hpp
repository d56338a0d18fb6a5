// The numbers of a comparison: quartiles by linear interpolation (R type 7, Excel QUARTILE.INC, PostgreSQL
// percentile_cont), competition ranks that respect a metric's polarity, and quartile bands. Pure functions.
#pragma once

#include "benchmarking/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pswnet::benchmarking {

// The p-quantile (0 <= p <= 1) of ascending values: h = (n-1)p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
double quantile_type7(const std::vector<double>& ascending, double p);

// Count, median, quartiles, mean, minimum and maximum; all but count empty when there are no values.
group_statistics statistics_of(std::vector<double> values);

// "1224" ranking: 1 + how many values are strictly better. Empty for neutral metrics.
std::optional<int> competition_rank(double value, const std::vector<double>& values, polarity p);

// lowest (v <= lower quartile), lower_middle (<= median), upper_middle (<= upper quartile), highest.
std::optional<std::string> quartile_band(double value, const group_statistics& s);

// The metric's figures ranked: each member's rank, members ordered best first (by value, highest first, for neutral
// metrics), ties and members without a value by name.
void rank_members(std::vector<member>& members, polarity p);

} // namespace pswnet::benchmarking
