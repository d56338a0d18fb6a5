// JSON of consultations' types, as the API contract (schemas/openapi.yaml) describes them.
#pragma once

#include "consultations/model.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::consultations {

nlohmann::json to_json(const question& q);
nlohmann::json to_json(const consultation& c, bool with_questions = true);
nlohmann::json to_json(const consultation_response& r);
nlohmann::json to_json(const summary& s);
nlohmann::json to_json(const theme& t);
nlohmann::json to_json(const submitted_response& r);

nlohmann::json answers_json(const answers& a);
// A stored answers object back into answers; values of other types are left out.
answers answers_from_json(const nlohmann::json& j);

// Question definitions as stored in consultation_questions.options (a JSON array of strings).
nlohmann::json options_json(const std::vector<std::string>& options);

} // namespace pswnet::consultations
