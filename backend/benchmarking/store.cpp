// Benchmarking queries: metrics, periods, authorities and their figures (imports are import_store.cpp).
#include "benchmarking/store.hpp"

#include "benchmarking/model_json.hpp"
#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::benchmarking {
namespace {

using nlohmann::json;

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

const db::statement organisation_sql{"benchmarking.organisation",
                                     "SELECT id, name, code FROM organisation_directory WHERE id = $1"};

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
