// Comparisons and trends as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), every
// value with its period, status and source.
#pragma once

#include "benchmarking/model.hpp"

#include <string>

namespace pswnet::benchmarking {

std::string comparison_csv(const comparison& c);
std::string trend_csv(const trend& t);

// The name a download is saved under, e.g. benchmarking-caseload_fte-E06000045-2023-statistical.csv
std::string export_filename(const std::string& metric, const std::string& code, const std::string& period_or_trend,
                            group_kind group);

} // namespace pswnet::benchmarking
