// Consultation papers are replaced as a whole list.
#include "consultations/paper_store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::consultations {
namespace {

const db::statement select_papers{"consultations.papers", R"sql(
SELECT resource_id FROM consultation_papers WHERE consultation_id = $1 ORDER BY position)sql"};

const db::statement delete_papers{"consultations.delete_papers",
                                  "DELETE FROM consultation_papers WHERE consultation_id = $1"};

const db::statement insert_papers{"consultations.insert_papers", R"sql(
INSERT INTO consultation_papers (consultation_id, position, resource_id)
SELECT $1, p.position, p.resource_id FROM unnest($2::bigint[]) WITH ORDINALITY AS p(resource_id, position))sql"};

} // namespace

awaitable<std::vector<std::int64_t>> paper_store::resource_ids(std::int64_t consultation_id)
{
    return pool_.read([consultation_id](pqxx::read_transaction& tx) {
        std::vector<std::int64_t> ids;
        for (const auto& row : db::exec(tx, select_papers, consultation_id))
            ids.push_back(row[0].as<std::int64_t>());
        return ids;
    });
}

awaitable<void> paper_store::replace(std::int64_t consultation_id, std::vector<std::int64_t> resource_ids,
                                     audit_context audit)
{
    return pool_.write([=, ids = std::move(resource_ids), audit = std::move(audit)](pqxx::work& tx) {
        std::string array = "{";
        for (auto id : ids)
            array += (array.size() > 1 ? "," : "") + std::to_string(id);
        db::exec(tx, delete_papers, consultation_id);
        db::exec(tx, insert_papers, consultation_id, array + "}");
        db::audit(tx, audit,
                  {"consultation.papers_changed", "consultation", consultation_id,
                   nlohmann::json{{"resources", ids}}.dump()});
    });
}

} // namespace pswnet::consultations
