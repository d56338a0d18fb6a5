#include "consultations/person_data.hpp"

#include "db/statement.hpp"

namespace pswnet::consultations::person_data {
namespace {

const db::statement held_sql{"consultations.held_about", R"sql(
SELECT jsonb_build_object(
  'consultations_published', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'id', c.id, 'title', c.title, 'opens_at', rfc3339(c.opens_at)) ORDER BY c.id)
    FROM consultations c WHERE c.created_by = $1), '[]'),
  'responses_saved', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'consultation_id', r.consultation_id, 'consultation_title', c.title, 'version', v.version,
      'answers', v.answers, 'submitted', v.submitted, 'saved_at', rfc3339(v.saved_at))
      ORDER BY v.saved_at, v.response_id, v.version)
    FROM consultation_response_versions v
    JOIN consultation_responses r ON r.id = v.response_id
    JOIN consultations c ON c.id = r.consultation_id
    WHERE v.saved_by = $1), '[]'))::text)sql"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

} // namespace pswnet::consultations::person_data
