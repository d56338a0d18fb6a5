// How one capability names a person or an organisation to another, and to clients: the same small shape and the
// same JSON everywhere ({"id", "display_name"} and {"id", "name", "code"}).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace pswnet {

struct person_ref {
    std::int64_t id = 0;
    std::string display_name;
};

struct organisation_ref {
    std::int64_t id = 0;
    std::string name;
    std::string code;
};

nlohmann::json to_json(const person_ref& person);
nlohmann::json to_json(const organisation_ref& organisation);

} // namespace pswnet
