// The office's analysis of a consultation: response rates overall, by region and by sector, who has not responded,
// and per question the counts, percentages, mean and median, and the free-text answers with their themes.
// A pure function of the submitted responses.
#pragma once

#include "consultations/model.hpp"

#include <vector>

namespace pswnet::consultations {

summary analyse(const consultation& c, const std::vector<audience_authority>& audience,
                const std::vector<submitted_response>& responses, std::vector<theme> themes,
                const std::vector<answer_theme>& tags);

// Median of values in any order (the mean of the middle two for an even count); empty for none.
std::optional<double> median_of(std::vector<double> values);

} // namespace pswnet::consultations
