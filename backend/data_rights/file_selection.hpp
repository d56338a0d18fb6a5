// Which uploaded files go into a data export's archive: oldest first, while their total stays within the budget;
// the others are listed with their download path instead. Pure, unit-tested.
#pragma once

#include "library/person_data.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::data_rights {

// For each file, in order, its path in the archive ("files/12-v1-policy.pdf"), or none when it does not fit.
std::vector<std::optional<std::string>> archive_paths(const std::vector<library::person_data::uploaded_file>& files,
                                                      std::int64_t budget_bytes);

} // namespace pswnet::data_rights
