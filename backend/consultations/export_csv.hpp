// Every submitted response as CSV: one row per response, one column per question, UTF-8 with a byte-order mark so
// Excel opens it as UTF-8; several choices joined with "; ".
#pragma once

#include "consultations/model.hpp"

#include <string>
#include <vector>

namespace pswnet::consultations {

std::string responses_csv(const consultation& c, const std::vector<submitted_response>& responses);

} // namespace pswnet::consultations
