// Benchmarking imports' queries. Imports upsert in chunks through jsonb_to_recordset, so a 20 MiB file is a handful
// of statements, and a figure is only written when it differs from the stored one: re-importing changes nothing.
#include "benchmarking/store.hpp"

#include "benchmarking/model_json.hpp"
#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace pswnet::benchmarking {
namespace {

using nlohmann::json;

constexpr std::size_t import_chunk = 5000;

const db::statement select_directory{"benchmarking.select_directory",
                                     "SELECT id, name, code, dfe_la_code FROM organisation_directory"};
const db::statement select_metric_keys{"benchmarking.select_metric_keys", "SELECT key FROM benchmark_metrics"};

const db::statement importer_name{"benchmarking.importer_name", "SELECT display_name FROM people WHERE id = $1"};

const db::statement insert_import{"benchmarking.insert_import", R"sql(
INSERT INTO benchmark_imports (format, filename, sha256, status, report, imported_by)
VALUES ($1, $2, $3, 'imported', '{}', $4) RETURNING id, rfc3339(created_at))sql"};

const db::statement upsert_values{"benchmarking.upsert_values", R"sql(
INSERT INTO benchmark_values AS v (metric_key, period, organisation_id, value, suppression, source, joint_with, import_id)
SELECT r.metric_key, r.period, r.organisation_id, r.value, r.suppression, $2, r.joint_with, $3
FROM jsonb_to_recordset($1::jsonb) AS r(metric_key text, period text, organisation_id bigint,
                                        value double precision, suppression text, joint_with text)
ON CONFLICT (metric_key, period, organisation_id) DO UPDATE
SET value = excluded.value, suppression = excluded.suppression, source = excluded.source,
    joint_with = excluded.joint_with, import_id = excluded.import_id, updated_at = now()
WHERE (v.value, v.suppression, v.source, v.joint_with)
      IS DISTINCT FROM (excluded.value, excluded.suppression, excluded.source, excluded.joint_with)
RETURNING xmax = 0)sql"};

// Long-layout rows name an area only by its code: the name comes from the regions table or the known E92/E13 names.
const db::statement upsert_reference_values{"benchmarking.upsert_reference_values", R"sql(
INSERT INTO benchmark_reference_values AS v (metric_key, period, area_code, area_name, value, suppression, import_id)
SELECT r.metric_key, r.period, r.area_code,
       CASE WHEN r.area_name <> r.area_code THEN r.area_name
            ELSE coalesce((SELECT name FROM region_directory WHERE code = r.area_code),
                          CASE r.area_code WHEN 'E92000001' THEN 'England' WHEN 'E13000001' THEN 'Inner London'
                                           WHEN 'E13000002' THEN 'Outer London' ELSE r.area_code END) END,
       r.value, r.suppression, $2
FROM jsonb_to_recordset($1::jsonb) AS r(metric_key text, period text, area_code text, area_name text,
                                        value double precision, suppression text)
ON CONFLICT (metric_key, period, area_code) DO UPDATE
SET area_name = excluded.area_name, value = excluded.value, suppression = excluded.suppression,
    import_id = excluded.import_id, updated_at = now()
WHERE (v.area_name, v.value, v.suppression) IS DISTINCT FROM (excluded.area_name, excluded.value, excluded.suppression)
RETURNING xmax = 0)sql"};

const db::statement finish_import{"benchmarking.finish_import",
                                  "UPDATE benchmark_imports SET status = $2, report = $3::jsonb WHERE id = $1"};

const db::statement list_imports{"benchmarking.list_imports", R"sql(
SELECT i.id, i.format, i.filename, i.sha256, i.status, i.report::text, i.imported_by, u.display_name,
       rfc3339(i.created_at)
FROM benchmark_imports i LEFT JOIN people u ON u.id = i.imported_by
ORDER BY i.id DESC LIMIT $1)sql"};

// Upserts one kind of figure in chunks; adds to the created and updated counts.
template <class Row>
void upsert_in_chunks(pqxx::work& tx, const db::statement& sql, const std::vector<Row>& rows, const std::string& extra,
                      std::int64_t import_id, bool with_extra, import_report& report)
{
    for (std::size_t from = 0; from < rows.size(); from += import_chunk) {
        auto batch = json::array();
        for (std::size_t i = from; i < std::min(rows.size(), from + import_chunk); ++i)
            batch.push_back(to_json(rows[i]));
        auto result =
            with_extra ? db::exec(tx, sql, batch.dump(), extra, import_id) : db::exec(tx, sql, batch.dump(), import_id);
        for (const auto& row : result)
            ++(row[0].as<bool>() ? report.values_created : report.values_updated);
    }
}

} // namespace

awaitable<import_directory> store::import_directory()
{
    return pool_.read([](pqxx::read_transaction& tx) {
        benchmarking::import_directory directory;
        for (const auto& row : db::exec(tx, select_directory)) {
            organisation_ref o{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()};
            auto code = o.code;
            std::transform(code.begin(), code.end(), code.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            if (!row[3].is_null())
                directory.authorities_by_dfe_number.emplace(row[3].as<std::string>(), o);
            directory.authorities_by_code.emplace(std::move(code), std::move(o));
        }
        for (const auto& row : db::exec(tx, select_metric_keys))
            directory.metric_keys.insert(row[0].as<std::string>());
        return directory;
    });
}

awaitable<import_report> store::save_import(import_file file, import_meta meta)
{
    return pool_.write([file = std::move(file), meta = std::move(meta)](pqxx::work& tx) {
        import_report report;
        report.format = std::string(to_string(file.format));
        report.filename = meta.filename;
        report.sha256 = meta.sha256;
        report.rows_read = file.rows_read;
        report.reference_rows = file.reference_rows;
        report.joint_rows = file.joint_rows;
        report.periods.assign(file.periods.begin(), file.periods.end());
        report.rows_rejected = file.rejected;
        auto created =
            db::exec(tx, insert_import, report.format, meta.filename, meta.sha256, meta.audit.actor_user_id).at(0);
        report.id = created[0].as<std::int64_t>();
        report.created_at = created[1].as<std::string>();
        report.imported_by_id = meta.audit.actor_user_id;
        if (meta.audit.actor_user_id)
            report.imported_by_name = db::exec(tx, importer_name, *meta.audit.actor_user_id).at(0)[0].as<std::string>();

        const std::string source = file.format == import_format::dfe_csww ? "dfe" : "import";
        upsert_in_chunks(tx, upsert_values, file.values, source, report.id, true, report);
        upsert_in_chunks(tx, upsert_reference_values, file.reference_values, {}, report.id, false, report);
        const auto total = static_cast<std::int64_t>(file.values.size() + file.reference_values.size());
        report.values_unchanged = total - report.values_created - report.values_updated;
        for (const auto& v : file.values)
            report.values_suppressed += v.suppression ? 1 : 0;
        for (const auto& v : file.reference_values)
            report.values_suppressed += v.suppression ? 1 : 0;
        report.status = report.values_created + report.values_updated > 0 ? "imported" : "unchanged";
        db::exec(tx, finish_import, report.id, report.status, stored_json(report).dump());
        db::audit(tx, meta.audit,
                  {"benchmark_import." + report.status, "benchmark_import", report.id,
                   json{{"format", report.format},
                        {"sha256", report.sha256},
                        {"values_created", report.values_created},
                        {"values_updated", report.values_updated}}
                       .dump()});
        return report;
    });
}

awaitable<std::vector<import_report>> store::imports(int limit)
{
    return pool_.query([limit](pqxx::nontransaction& tx) {
        std::vector<import_report> result;
        for (const auto& row : db::exec(tx, list_imports, limit)) {
            auto report = from_stored_json(json::parse(row[5].as<std::string>()));
            report.id = row[0].as<std::int64_t>();
            report.format = row[1].as<std::string>();
            report.filename = db::nullable<std::string>(row[2]);
            report.sha256 = row[3].as<std::string>();
            report.status = row[4].as<std::string>();
            report.imported_by_id = db::nullable<std::int64_t>(row[6]);
            report.imported_by_name = db::nullable<std::string>(row[7]);
            report.created_at = row[8].as<std::string>();
            result.push_back(std::move(report));
        }
        return result;
    });
}

} // namespace pswnet::benchmarking
