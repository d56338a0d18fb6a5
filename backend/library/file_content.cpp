// File content stored once per SHA-256, in chunks, and purged once only deleted resources refer to it.
#include "library/file_content.hpp"

#include "core/sizes.hpp"
#include "db/statement.hpp"

#include <algorithm>

namespace pswnet::library::file_content {
namespace {

constexpr std::size_t chunk_bytes = 1 * mib;

// A row comes back when the content must be written: new, or purged since (the upsert waits for a purge that holds
// the row, so the two never cross).
const db::statement insert_blob{"library.insert_blob", R"sql(
INSERT INTO file_blobs (sha256, size) VALUES ($1, $2)
ON CONFLICT (sha256) DO UPDATE SET purged_at = NULL WHERE file_blobs.purged_at IS NOT NULL
RETURNING sha256)sql"};

// Content that only resources deleted more than $1 hours ago refer to. SKIP LOCKED: a blob an upload is reviving
// right now is left for the next run.
const db::statement purge_deleted_sql{"library.purge_deleted_files", R"sql(
WITH purgeable AS (
    SELECT b.sha256 FROM file_blobs b
    WHERE b.purged_at IS NULL
      AND EXISTS (SELECT 1 FROM resource_files f WHERE f.sha256 = b.sha256)
      AND NOT EXISTS (SELECT 1 FROM resource_files f JOIN resources r ON r.id = f.resource_id
                      WHERE f.sha256 = b.sha256
                        AND (r.deleted_at IS NULL OR r.deleted_at > now() - make_interval(hours => $1)))
    FOR UPDATE OF b SKIP LOCKED
), marked AS (
    UPDATE file_blobs b SET purged_at = now() FROM purgeable p WHERE b.sha256 = p.sha256 RETURNING b.sha256
), removed AS (
    DELETE FROM file_blob_chunks c USING marked m WHERE c.sha256 = m.sha256 RETURNING 1
)
SELECT (SELECT count(*) FROM marked), (SELECT count(*) FROM removed))sql"};
const db::statement insert_chunk{"library.insert_chunk",
                                 "INSERT INTO file_blob_chunks (sha256, seq, data) VALUES ($1, $2, $3)"};

const db::statement read_chunks{"library.read_chunks",
                                "SELECT data FROM file_blob_chunks WHERE sha256 = $1 ORDER BY seq"};

} // namespace

void store(pqxx::work& tx, const std::string& sha256, std::string_view content)
{
    if (db::exec(tx, insert_blob, sha256, static_cast<std::int64_t>(content.size())).empty())
        return; // stored already
    for (std::size_t at = 0, seq = 0; at < content.size() || seq == 0; at += chunk_bytes, ++seq) {
        auto piece = content.substr(std::min(at, content.size()), chunk_bytes);
        db::exec(tx, insert_chunk, sha256, static_cast<int>(seq), pqxx::binarystring(piece.data(), piece.size()));
    }
}

std::string read(pqxx::transaction_base& tx, const std::string& sha256, std::int64_t size)
{
    std::string content;
    content.reserve(static_cast<std::size_t>(size));
    for (const auto& row : db::exec(tx, read_chunks, sha256)) {
        pqxx::binarystring piece(row[0]);
        content.append(piece.get(), piece.size());
    }
    return content;
}

int purge_deleted(pqxx::work& tx, std::chrono::hours retention)
{
    return db::exec(tx, purge_deleted_sql, static_cast<int>(retention.count())).at(0)[0].as<int>();
}

} // namespace pswnet::library::file_content
