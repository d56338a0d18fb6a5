#include "library/endorsement_rows.hpp"

#include "db/statement.hpp"

namespace pswnet::library {
namespace {

const db::statement endorsements_sql{"library.endorsements", R"sql(
SELECT o.id, o.name, o.code, rfc3339(e.created_at)
FROM resource_endorsements e JOIN organisation_directory o ON o.id = e.organisation_id
WHERE e.resource_id = $1 ORDER BY o.name)sql"};

} // namespace

std::vector<endorsement> read_endorsements(pqxx::transaction_base& tx, std::int64_t resource_id)
{
    std::vector<endorsement> result;
    for (const auto& row : db::exec(tx, endorsements_sql, resource_id))
        result.push_back({{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()},
                          row[3].as<std::string>()});
    return result;
}

} // namespace pswnet::library
