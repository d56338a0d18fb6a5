// Benchmarking queries. Imports upsert in chunks through jsonb_to_recordset, so a 20 MiB file is a handful of
// statements, and a figure is only written when it differs from the stored one: re-importing changes nothing.
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

const db::statement list_metrics{"benchmarking.list_metrics",
                                 "SELECT key, name, unit, sector, polarity, definition, source, official, position "
                                 "FROM benchmark_metrics ORDER BY position, key"};

const db::statement insert_metric{"benchmarking.insert_metric", R"sql(
INSERT INTO benchmark_metrics (key, name, unit, sector, polarity, definition, source, position, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(position), 0) + 1 FROM benchmark_metrics), $8)
RETURNING key, name, unit, sector, polarity, definition, source, official, position)sql"};

const db::statement list_periods{"benchmarking.list_periods", R"sql(
SELECT period, bool_or(official), bool_or(local), bool_or(dfe) FROM (
    SELECT DISTINCT period, true AS official, false AS local, source = 'dfe' AS dfe FROM benchmark_values
    UNION ALL SELECT DISTINCT period, true, false, false FROM benchmark_reference_values
    UNION ALL SELECT DISTINCT period, false, true, false FROM local_submissions WHERE status = 'shared'
) p
GROUP BY period ORDER BY period DESC)sql"};

const db::statement newest_for_metric{"benchmarking.newest_for_metric", R"sql(
SELECT coalesce((SELECT max(period) FROM benchmark_values WHERE metric_key = $1),
                (SELECT max(period) FROM benchmark_figures WHERE metric_key = $1)))sql"};

const db::statement newest_for_sector{"benchmarking.newest_for_sector", R"sql(
SELECT coalesce(
    (SELECT max(v.period) FROM benchmark_values v JOIN benchmark_metrics m ON m.key = v.metric_key
     WHERE m.sector IN ($1, 'both')),
    (SELECT max(f.period) FROM benchmark_figures f JOIN benchmark_metrics m ON m.key = f.metric_key
     WHERE m.sector IN ($1, 'both'))))sql"};

const db::statement any_figure_in_period{"benchmarking.any_figure_in_period", R"sql(
SELECT EXISTS (SELECT 1 FROM benchmark_figures f JOIN benchmark_metrics m ON m.key = f.metric_key
               WHERE f.period = $1 AND m.sector IN ($2, 'both')))sql"};

const db::statement list_authorities{"benchmarking.list_authorities", R"sql(
SELECT o.id, o.name, o.code, o.region_code, o.region_name, o.london_subregion, o.in_sn_model
FROM organisation_directory o
WHERE o.kind = 'local_authority'
ORDER BY o.name, o.id)sql"};

const db::statement list_neighbours{"benchmarking.list_neighbours", R"sql(
SELECT neighbour_id, rank, closeness FROM neighbour_links WHERE organisation_id = $1 ORDER BY rank)sql"};

const db::statement select_figures{"benchmarking.select_figures", R"sql(
SELECT f.metric_key, f.period, f.organisation_id, f.value, f.suppression, f.source, f.joint_with
FROM benchmark_figures f JOIN organisation_directory o ON o.id = f.organisation_id AND o.kind = 'local_authority'
WHERE ($1::text IS NULL OR f.metric_key = $1)
  AND ($2::text IS NULL OR f.period = ANY (string_to_array($2, ','))))sql"};

const db::statement select_reference_figures{"benchmarking.select_reference_figures", R"sql(
SELECT metric_key, period, area_code, area_name, value, suppression
FROM benchmark_reference_values
WHERE ($1::text IS NULL OR metric_key = $1)
  AND ($2::text IS NULL OR period = ANY (string_to_array($2, ','))))sql"};

const db::statement select_directory{"benchmarking.select_directory",
                                     "SELECT id, name, code, dfe_la_code FROM organisation_directory"};
const db::statement select_metric_keys{"benchmarking.select_metric_keys", "SELECT key FROM benchmark_metrics"};

const db::statement organisation_sql{"benchmarking.organisation",
                                     "SELECT id, name, code FROM organisation_directory WHERE id = $1"};

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

const db::statement select_official_for{"benchmarking.select_official_for", R"sql(
SELECT metric_key, value, suppression, source, joint_with
FROM benchmark_values WHERE organisation_id = $1 AND period = $2)sql"};

metric read_metric(const pqxx::row& row)
{
    metric m;
    m.key = row[0].as<std::string>();
    m.name = row[1].as<std::string>();
    m.unit = row[2].as<std::string>();
    m.sector = row[3].as<std::string>();
    m.polarity = parse_polarity(row[4].as<std::string>()).value_or(polarity::neutral);
    m.definition = row[5].as<std::string>();
    m.source = row[6].as<std::string>();
    m.official = row[7].as<bool>();
    m.position = row[8].as<int>();
    return m;
}

// value, suppression, source, joint_with from four columns starting at `at`.
figure read_figure(const pqxx::row& row, pqxx::row::size_type at, std::string period)
{
    figure f;
    f.value = db::nullable<double>(row[at]);
    f.suppression = db::nullable<std::string>(row[at + 1]);
    f.status = f.value ? figure_status::value : figure_status::suppressed;
    f.source = db::nullable<std::string>(row[at + 2]);
    f.joint_with = db::nullable<std::string>(row[at + 3]);
    f.period = std::move(period);
    return f;
}

std::optional<std::string> joined(const std::vector<std::string>& periods)
{
    if (periods.empty())
        return std::nullopt;
    std::string text;
    for (const auto& p : periods)
        text += (text.empty() ? "" : ",") + p;
    return text;
}

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

awaitable<std::vector<metric>> store::metrics()
{
    return pool_.query([](pqxx::nontransaction& tx) {
        std::vector<metric> result;
        for (const auto& row : db::exec(tx, list_metrics))
            result.push_back(read_metric(row));
        return result;
    });
}

awaitable<metric> store::add_metric(new_metric m, audit_context audit)
{
    return pool_.write([m = std::move(m), audit = std::move(audit)](pqxx::work& tx) {
        auto created = read_metric(db::exec(tx, insert_metric, m.key, m.name, m.unit, m.sector, m.polarity,
                                            m.definition, m.source, audit.actor_user_id)
                                       .at(0));
        db::audit(tx, audit,
                  {"benchmark_metric.created", "benchmark_metric", std::nullopt, json{{"key", m.key}}.dump()});
        return created;
    });
}

awaitable<std::vector<period_summary>> store::periods()
{
    return pool_.query([](pqxx::nontransaction& tx) {
        std::vector<period_summary> result;
        for (const auto& row : db::exec(tx, list_periods)) {
            auto period = row[0].as<std::string>();
            auto published = row[3].as<bool>() ? dfe_workforce_publication(period) : std::nullopt;
            result.push_back({std::move(period), row[1].as<bool>(), row[2].as<bool>(), std::move(published)});
        }
        return result;
    });
}

awaitable<std::optional<std::string>> store::newest_period_for_metric(std::string metric_key)
{
    return pool_.query([metric_key = std::move(metric_key)](pqxx::nontransaction& tx) {
        return db::nullable<std::string>(db::exec(tx, newest_for_metric, metric_key).at(0)[0]);
    });
}

awaitable<std::optional<std::string>> store::newest_period_for_sector(std::string sector)
{
    return pool_.query([sector = std::move(sector)](pqxx::nontransaction& tx) {
        return db::nullable<std::string>(db::exec(tx, newest_for_sector, sector).at(0)[0]);
    });
}

awaitable<bool> store::has_figures(std::string period, std::string sector)
{
    return pool_.query([period = std::move(period), sector = std::move(sector)](pqxx::nontransaction& tx) {
        return db::exec(tx, any_figure_in_period, period, sector).at(0)[0].as<bool>();
    });
}

awaitable<std::vector<authority>> store::authorities()
{
    return pool_.query([](pqxx::nontransaction& tx) {
        std::vector<authority> result;
        for (const auto& row : db::exec(tx, list_authorities))
            result.push_back({{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()},
                              db::nullable<std::string>(row[3]),
                              db::nullable<std::string>(row[4]),
                              db::nullable<std::string>(row[5]),
                              row[6].as<bool>()});
        return result;
    });
}

awaitable<std::optional<organisation_ref>> store::organisation(std::int64_t id)
{
    return pool_.query([id](pqxx::nontransaction& tx) -> std::optional<organisation_ref> {
        auto rows = db::exec(tx, organisation_sql, id);
        if (rows.empty())
            return std::nullopt;
        return organisation_ref{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(),
                                rows[0][2].as<std::string>()};
    });
}

awaitable<std::vector<neighbour_link>> store::statistical_neighbours(std::int64_t organisation_id)
{
    return pool_.query([organisation_id](pqxx::nontransaction& tx) {
        std::vector<neighbour_link> result;
        for (const auto& row : db::exec(tx, list_neighbours, organisation_id))
            result.push_back({row[0].as<std::int64_t>(), row[1].as<int>(), row[2].as<std::string>()});
        return result;
    });
}

awaitable<std::map<std::string, figure_table>> store::figures(std::optional<std::string> metric_key,
                                                              std::vector<std::string> periods)
{
    return pool_.query([metric_key = std::move(metric_key), periods = joined(periods)](pqxx::nontransaction& tx) {
        std::map<std::string, figure_table> result;
        for (const auto& row : db::exec(tx, select_figures, metric_key, periods)) {
            auto period = row[1].as<std::string>();
            auto& slot = result[row[0].as<std::string>()][row[2].as<std::int64_t>()][period];
            slot = read_figure(row, 3, period);
        }
        return result;
    });
}

awaitable<std::map<std::string, reference_table>> store::reference_figures(std::optional<std::string> metric_key,
                                                                           std::vector<std::string> periods)
{
    return pool_.query([metric_key = std::move(metric_key), periods = joined(periods)](pqxx::nontransaction& tx) {
        std::map<std::string, reference_table> result;
        for (const auto& row : db::exec(tx, select_reference_figures, metric_key, periods)) {
            auto period = row[1].as<std::string>();
            auto area = row[2].as<std::string>();
            reference_figure r{area, row[3].as<std::string>(), {}};
            r.figure.value = db::nullable<double>(row[4]);
            r.figure.suppression = db::nullable<std::string>(row[5]);
            r.figure.status = r.figure.value ? figure_status::value : figure_status::suppressed;
            r.figure.source = "dfe";
            r.figure.period = period;
            result[row[0].as<std::string>()][area][period] = std::move(r);
        }
        return result;
    });
}

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

awaitable<std::map<std::string, figure>> store::official_figures(std::int64_t organisation_id, std::string period)
{
    return pool_.query([organisation_id, period = std::move(period)](pqxx::nontransaction& tx) {
        std::map<std::string, figure> result;
        for (const auto& row : db::exec(tx, select_official_for, organisation_id, period))
            result[row[0].as<std::string>()] = read_figure(row, 1, period);
        return result;
    });
}

} // namespace pswnet::benchmarking
