// The JSON of person and organisation references.
#include "core/references.hpp"

#include <nlohmann/json.hpp>

namespace pswnet {

nlohmann::json to_json(const person_ref& person)
{
    return {{"id", person.id}, {"display_name", person.display_name}};
}

nlohmann::json to_json(const organisation_ref& organisation)
{
    return {{"id", organisation.id}, {"name", organisation.name}, {"code", organisation.code}};
}

} // namespace pswnet
