#include "benchmarking/person_data.hpp"

#include "db/statement.hpp"

namespace pswnet::benchmarking::person_data {
namespace {

const db::statement held_sql{"benchmarking.held_about", R"sql(
SELECT jsonb_build_object(
  'local_figures_saved', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'period', r.period, 'revision', r.revision, 'status', r.status, 'figures', r.figures,
      'saved_at', rfc3339(r.changed_at)) ORDER BY r.changed_at, r.period, r.revision)
    FROM local_submission_revisions r WHERE r.changed_by = $1), '[]'))::text)sql"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

} // namespace pswnet::benchmarking::person_data
