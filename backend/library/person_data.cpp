#include "library/person_data.hpp"

#include "db/statement.hpp"
#include "library/file_content.hpp"

namespace pswnet::library::person_data {
namespace {

const db::statement held_sql{"library.held_about", R"sql(
SELECT jsonb_build_object(
  'resources_shared', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'id', r.id, 'title', r.title, 'summary', r.summary, 'type', r.type, 'sector', r.sector,
      'tags', to_jsonb(r.tags), 'licence', r.licence, 'visibility', r.visibility, 'link', r.link_url,
      'created_at', rfc3339(r.created_at), 'updated_at', rfc3339(r.updated_at),
      'deleted_at', rfc3339(r.deleted_at)) ORDER BY r.id)
    FROM resources r WHERE r.author_id = $1), '[]'),
  'adoptions_recorded', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'resource_id', e.resource_id, 'resource_title', r.title, 'at', rfc3339(e.created_at))
      ORDER BY e.created_at, e.resource_id)
    FROM resource_endorsements e JOIN resources r ON r.id = e.resource_id WHERE e.endorsed_by = $1), '[]'))::text)sql"};

const db::statement files_sql{"library.files_uploaded", R"sql(
SELECT f.resource_id, f.version, f.filename, f.sha256, f.size, rfc3339(f.uploaded_at)
FROM resource_files f JOIN file_blobs b ON b.sha256 = f.sha256 AND b.purged_at IS NULL
WHERE f.uploaded_by = $1
ORDER BY f.uploaded_at, f.resource_id, f.version)sql"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

std::vector<uploaded_file> files_uploaded(pqxx::transaction_base& tx, std::int64_t user_id)
{
    std::vector<uploaded_file> files;
    for (const auto& row : db::exec(tx, files_sql, user_id))
        files.push_back({row[0].as<std::int64_t>(), row[1].as<int>(), row[2].as<std::string>(),
                         row[3].as<std::string>(), row[4].as<std::int64_t>(), row[5].as<std::string>()});
    return files;
}

std::string content_of(pqxx::transaction_base& tx, const uploaded_file& file)
{
    return file_content::read(tx, file.sha256, file.size);
}

} // namespace pswnet::library::person_data
