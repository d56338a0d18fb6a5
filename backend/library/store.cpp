// Library queries. Lists use keyset pagination: newest by id, the others on (count, id), backed by the
// resources_*_idx indexes.
#include "library/store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "forum/readers.hpp"
#include "library/endorsement_rows.hpp"
#include "library/file_content.hpp"
#include "realtime/event_log.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::library {
namespace {

using nlohmann::json;

constexpr const char* resource_columns = R"sql(
SELECT r.id, r.title, r.summary, r.summary_html, r.type, r.sector, array_to_string(r.tags, ','), r.licence,
       r.visibility, r.link_url, o.id, o.name, o.code, o.region_code, u.id, u.display_name, rfc3339(r.created_at),
       rfc3339(r.updated_at), r.endorsement_count, r.download_count,
       f.version, f.filename, f.original_filename, f.content_type, f.size, f.sha256, f.text_extracted,
       fu.id, fu.display_name, rfc3339(f.uploaded_at), f.download_count,
       r.group_id, (SELECT g.name FROM group_directory g WHERE g.id = r.group_id)
FROM resources r
JOIN organisation_directory o ON o.id = r.organisation_id
JOIN people u ON u.id = r.author_id
LEFT JOIN LATERAL (SELECT * FROM resource_files rf WHERE rf.resource_id = r.id ORDER BY version DESC LIMIT 1) f ON true
LEFT JOIN people fu ON fu.id = f.uploaded_by
)sql";

const db::statement list_sql{"library.list", std::string(resource_columns) +
                                                 R"sql(WHERE r.deleted_at IS NULL
  AND resource_visible(r.visibility, r.organisation_id, o.region_code, r.group_id, $15, $1, $2, $3)
  AND ($16::bigint IS NULL OR r.group_id = $16)
  AND ($4::text IS NULL OR r.search @@ websearch_to_tsquery('english', $4))
  AND ($5::text IS NULL OR r.sector = $5 OR r.sector = 'both')
  AND ($6::text IS NULL OR r.type = $6)
  AND ($7::text IS NULL OR $7 = ANY (r.tags))
  AND ($8::bigint IS NULL OR r.organisation_id = $8)
  AND ($9::text IS NULL OR o.region_code = $9)
  AND ($10::text IS NULL OR r.licence = $10)
  AND ($12::bigint IS NULL OR CASE $11
        WHEN 'most_adopted' THEN (r.endorsement_count, r.id) < ($13::int, $12)
        WHEN 'most_downloaded' THEN (r.download_count, r.id) < ($13::int, $12)
        ELSE r.id < $12 END)
ORDER BY CASE $11 WHEN 'most_adopted' THEN r.endorsement_count WHEN 'most_downloaded' THEN r.download_count END
         DESC NULLS LAST,
         r.id DESC
LIMIT $14)sql"};

const db::statement find_sql{"library.find",
                             std::string(resource_columns) + "WHERE r.id = $1 AND r.deleted_at IS NULL"};

const db::statement files_sql{"library.files", R"sql(
SELECT f.version, f.filename, f.original_filename, f.content_type, f.size, f.sha256, f.text_extracted, u.id,
       u.display_name, rfc3339(f.uploaded_at), f.download_count
FROM resource_files f JOIN people u ON u.id = f.uploaded_by
WHERE f.resource_id = $1 ORDER BY f.version DESC)sql"};

const db::statement insert_resource{"library.insert_resource", R"sql(
INSERT INTO resources (title, summary, summary_html, type, sector, tags, licence, visibility, link_url,
                       organisation_id, author_id, group_id)
VALUES ($1, $2, $3, $4, $5, coalesce(string_to_array(nullif($6, ''), ','), '{}'), $7, $8, $9, $10, $11, $12)
RETURNING id)sql"};

const db::statement update_resource{"library.update_resource", R"sql(
UPDATE resources SET title = $2, summary = $3, summary_html = $4, type = $5, sector = $6,
       tags = coalesce(string_to_array(nullif($7, ''), ','), '{}'), licence = $8, visibility = $9, link_url = $10,
       group_id = $11, updated_at = now()
WHERE id = $1 AND deleted_at IS NULL)sql"};

const db::statement insert_file{"library.insert_file", R"sql(
INSERT INTO resource_files (resource_id, version, sha256, filename, original_filename, content_type, size,
                            text_extracted, uploaded_by)
SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM resource_files WHERE resource_id = $1
RETURNING version)sql"};

const db::statement download_sql{"library.download_file", R"sql(
UPDATE resource_files f SET download_count = download_count + 1
FROM people u
WHERE f.resource_id = $1 AND f.version = $2 AND u.id = f.uploaded_by
RETURNING f.version, f.filename, f.original_filename, f.content_type, f.size, f.sha256, f.text_extracted, u.id,
          u.display_name, rfc3339(f.uploaded_at), f.download_count)sql"};

const db::statement search_sql{
    "library.search",
    "SELECT r.id, r.title, ts_headline('english', r.title || ' ' || r.summary || ' ' || r.file_text, q, "
    "'StartSel=\x01, StopSel=\x02, MaxFragments=2, MaxWords=30, MinWords=8'), ts_rank(r.search, q), count(*) OVER () "
    "FROM resources r JOIN organisation_directory o ON o.id = r.organisation_id, websearch_to_tsquery('english', $4) q "
    "WHERE r.deleted_at IS NULL AND r.search @@ q "
    "AND resource_visible(r.visibility, r.organisation_id, o.region_code, r.group_id, $6, $1, $2, $3) "
    "ORDER BY 4 DESC, r.id DESC LIMIT $5"};

const db::statement region_of_sql{"library.region_of", "SELECT region_code FROM organisation_directory WHERE id = $1"};

const db::statement resource_threads_sql{"library.resource_threads",
                                         "SELECT thread_id FROM resource_threads WHERE resource_id = $1"};

const db::statement soft_delete_sql{
    "library.soft_delete",
    "UPDATE resources SET deleted_at = now(), deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL"};

const db::statement set_file_text_sql{"library.set_file_text",
                                      "UPDATE resources SET file_text = $2, updated_at = now() WHERE id = $1"};

const db::statement count_download_sql{"library.count_download",
                                       "UPDATE resources SET download_count = download_count + 1 WHERE id = $1"};

const db::statement organisations_in_region_sql{
    "library.organisations_in_region", "SELECT id FROM organisation_directory WHERE region_code = $1 ORDER BY id"};

resource read_resource(const pqxx::row& row)
{
    resource r;
    r.id = row[0].as<std::int64_t>();
    r.title = row[1].as<std::string>();
    r.summary = row[2].as<std::string>();
    r.summary_html = row[3].as<std::string>();
    r.type = row[4].as<std::string>();
    r.sector = parse_sector(row[5].as<std::string>()).value_or(sector::both);
    auto tags = row[6].as<std::string>();
    for (std::size_t start = 0; !tags.empty() && start <= tags.size();) {
        auto comma = tags.find(',', start);
        r.tags.push_back(tags.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    r.licence = row[7].as<std::string>();
    // The database names only known visibilities; an unknown one is read as the narrowest.
    r.visibility = parse_resource_visibility(row[8].as<std::string>()).value_or(resource_visibility::organisation);
    r.link_url = db::nullable<std::string>(row[9]);
    r.organisation = {row[10].as<std::int64_t>(), row[11].as<std::string>(), row[12].as<std::string>()};
    r.region_code = db::nullable<std::string>(row[13]);
    r.author = {row[14].as<std::int64_t>(), row[15].as<std::string>()};
    r.created_at = row[16].as<std::string>();
    r.updated_at = row[17].as<std::string>();
    r.endorsement_count = row[18].as<int>();
    r.download_count = row[19].as<int>();
    if (!row[20].is_null())
        r.latest_file =
            file_version{row[20].as<int>(),          row[21].as<std::string>(),
                         row[22].as<std::string>(),  row[23].as<std::string>(),
                         row[24].as<std::int64_t>(), row[25].as<std::string>(),
                         row[26].as<bool>(),         {row[27].as<std::int64_t>(), row[28].as<std::string>()},
                         row[29].as<std::string>(),  row[30].as<int>()};
    r.group_id = db::nullable<std::int64_t>(row[31]);
    r.group_name = db::nullable<std::string>(row[32]);
    return r;
}

file_version read_file_version(const pqxx::row& row)
{
    return {row[0].as<int>(),          row[1].as<std::string>(),
            row[2].as<std::string>(),  row[3].as<std::string>(),
            row[4].as<std::int64_t>(), row[5].as<std::string>(),
            row[6].as<bool>(),         {row[7].as<std::int64_t>(), row[8].as<std::string>()},
            row[9].as<std::string>(),  row[10].as<int>()};
}

std::string joined(const std::vector<std::string>& tags)
{
    std::string text;
    for (const auto& t : tags)
        text += (text.empty() ? "" : ",") + t;
    return text;
}

} // namespace

awaitable<resource_page> store::list(resource_filter f, viewer v)
{
    return pool_.query([f = std::move(f), v](pqxx::nontransaction& tx) {
        std::optional<int> after_count;
        if (f.after_key && f.sort != "newest")
            after_count = std::stoi(*f.after_key);
        resource_page page;
        for (const auto& row : db::exec(tx, list_sql, v.organisation_id, v.region_code, v.sees_everything, f.q,
                                        f.sector, f.type, f.tag, f.organisation_id, f.region, f.licence, f.sort,
                                        f.after_id, after_count, f.limit + 1, v.user_id, f.group_id))
            page.items.push_back(read_resource(row));
        if (page.items.size() > static_cast<std::size_t>(f.limit)) {
            page.items.pop_back();
            const auto& last = page.items.back();
            page.next_id = last.id;
            page.next_key = f.sort == "most_adopted"      ? std::to_string(last.endorsement_count)
                            : f.sort == "most_downloaded" ? std::to_string(last.download_count)
                                                          : last.created_at; // newest pages by id alone
        }
        return page;
    });
}

awaitable<std::optional<resource>> store::find(std::int64_t id, std::int64_t viewer_organisation_id)
{
    return pool_.read([id, viewer_organisation_id](pqxx::read_transaction& tx) -> std::optional<resource> {
        auto rows = db::exec(tx, find_sql, id);
        if (rows.empty())
            return std::nullopt;
        auto r = read_resource(rows[0]);
        for (const auto& row : db::exec(tx, files_sql, id))
            r.files.push_back(read_file_version(row));
        r.endorsements = read_endorsements(tx, id);
        for (const auto& e : r.endorsements)
            r.endorsed_by_my_organisation =
                r.endorsed_by_my_organisation || e.organisation.id == viewer_organisation_id;
        return r;
    });
}

awaitable<std::optional<std::string>> store::region_of(std::int64_t organisation_id)
{
    return pool_.query([organisation_id](pqxx::nontransaction& tx) -> std::optional<std::string> {
        auto rows = db::exec(tx, region_of_sql, organisation_id);
        return rows.empty() ? std::nullopt : db::nullable<std::string>(rows[0][0]);
    });
}

awaitable<std::int64_t> store::create(new_resource r, std::int64_t organisation_id, audit_context audit)
{
    return pool_.write([r = std::move(r), organisation_id, audit = std::move(audit)](pqxx::work& tx) {
        auto id =
            db::exec(tx, insert_resource, r.title, r.summary, r.summary_html, r.type, std::string(to_string(r.sector)),
                     joined(r.tags), r.licence, std::string(to_string(r.visibility)), r.link_url, organisation_id,
                     *audit.actor_user_id, r.group_id)
                .at(0)[0]
                .as<std::int64_t>();
        db::audit(tx, audit,
                  {"resource.created", "resource", id, json{{"visibility", to_string(r.visibility)}}.dump()});
        return id;
    });
}

awaitable<void> store::update(std::int64_t id, new_resource r, forum::thread_readers readers, bool narrowed,
                              audit_context audit)
{
    return pool_.write([id, r = std::move(r), readers = std::move(readers), narrowed,
                        audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, update_resource, id, r.title, r.summary, r.summary_html, r.type, std::string(to_string(r.sector)),
                 joined(r.tags), r.licence, std::string(to_string(r.visibility)), r.link_url, r.group_id);
        for (const auto& row : db::exec(tx, resource_threads_sql, id))
            forum::set_readers(tx, row[0].as<std::int64_t>(), readers);
        db::audit(tx, audit,
                  {"resource.updated", "resource", id, json{{"visibility", to_string(r.visibility)}}.dump()});
        realtime::append_event(tx, "resource:" + std::to_string(id), "resource.updated",
                               json{{"resource_id", id}}.dump());
        if (narrowed)
            realtime::access_narrowed(tx, std::nullopt);
    });
}

awaitable<void> store::soft_delete(std::int64_t id, audit_context audit)
{
    return pool_.write([id, audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, soft_delete_sql, id, audit.actor_user_id);
        db::audit(tx, audit, {"resource.deleted", "resource", id});
        realtime::append_event(tx, "resource:" + std::to_string(id), "resource.deleted",
                               json{{"resource_id", id}}.dump());
    });
}

awaitable<int> store::purge_deleted_files(std::chrono::hours retention)
{
    return pool_.write([retention](pqxx::work& tx) { return file_content::purge_deleted(tx, retention); });
}

awaitable<int> store::add_file(std::int64_t resource_id, checked_file file, std::string_view content,
                               audit_context audit)
{
    return pool_.write([=, file = std::move(file), audit = std::move(audit)](pqxx::work& tx) {
        file_content::store(tx, file.sha256, content);
        auto version = db::exec(tx, insert_file, resource_id, file.sha256, file.filename, file.original_filename,
                                file.content_type, static_cast<std::int64_t>(content.size()), file.text_extracted,
                                *audit.actor_user_id)
                           .at(0)[0]
                           .as<int>();
        db::exec(tx, set_file_text_sql, resource_id, file.text);
        db::audit(tx, audit,
                  {"resource.file_added", "resource", resource_id,
                   json{{"version", version}, {"sha256", file.sha256}, {"content_type", file.content_type}}.dump()});
        realtime::append_event(tx, "resource:" + std::to_string(resource_id), "resource.file_added",
                               json{{"resource_id", resource_id}, {"version", version}}.dump());
        return version;
    });
}

awaitable<std::optional<std::pair<file_version, std::string>>> store::download(std::int64_t resource_id, int version)
{
    return pool_.write([=](pqxx::work& tx) -> std::optional<std::pair<file_version, std::string>> {
        auto rows = db::exec(tx, download_sql, resource_id, version);
        if (rows.empty())
            return std::nullopt;
        auto file = read_file_version(rows[0]);
        db::exec(tx, count_download_sql, resource_id);
        auto content = file_content::read(tx, file.sha256, file.size);
        return std::pair(std::move(file), std::move(content));
    });
}

awaitable<std::vector<std::int64_t>> store::organisations_in_region(std::string region_code)
{
    return pool_.query([region_code = std::move(region_code)](pqxx::nontransaction& tx) {
        std::vector<std::int64_t> ids;
        for (const auto& row : db::exec(tx, organisations_in_region_sql, region_code))
            ids.push_back(row[0].as<std::int64_t>());
        return ids;
    });
}

awaitable<search_results> store::search(std::string q, viewer v, int limit)
{
    return lag_tolerant_.pool_for_read().query([q = std::move(q), v, limit](pqxx::nontransaction& tx) {
        search_results found;
        for (const auto& row :
             db::exec(tx, search_sql, v.organisation_id, v.region_code, v.sees_everything, q, limit, v.user_id)) {
            found.hits.push_back(
                {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<double>()});
            found.total = row[4].as<int>();
        }
        return found;
    });
}

} // namespace pswnet::library
