// Local submissions: an organisation's own figures for a period, the current values and every revision.
#include "benchmarking/submission_store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::benchmarking {
namespace {

using nlohmann::json;

const db::statement select_submission{"benchmarking.find_submission", R"sql(
SELECT s.status, s.revision, rfc3339(s.updated_at), s.updated_by, u.display_name,
       coalesce((SELECT jsonb_object_agg(metric_key, value) FROM local_submission_values v
                 WHERE v.organisation_id = s.organisation_id AND v.period = s.period), '{}')::text
FROM local_submissions s JOIN people u ON u.id = s.updated_by
WHERE s.organisation_id = $1 AND s.period = $2)sql"};

const db::statement select_history{"benchmarking.submission_history", R"sql(
SELECT r.revision, r.status, r.figures::text, r.changed_by, u.display_name, rfc3339(r.changed_at)
FROM local_submission_revisions r JOIN people u ON u.id = r.changed_by
WHERE r.organisation_id = $1 AND r.period = $2
ORDER BY r.revision DESC LIMIT 100)sql"};

const db::statement upsert_submission{"benchmarking.upsert_submission", R"sql(
INSERT INTO local_submissions AS s (organisation_id, period, status, revision, updated_by)
VALUES ($1, $2, $3, 1, $4)
ON CONFLICT (organisation_id, period) DO UPDATE
SET status = excluded.status, revision = s.revision + 1, updated_by = excluded.updated_by, updated_at = now()
RETURNING revision)sql"};

const db::statement clear_submission_values{
    "benchmarking.clear_submission_values",
    "DELETE FROM local_submission_values WHERE organisation_id = $1 AND period = $2"};

const db::statement insert_submission_values{"benchmarking.insert_submission_values", R"sql(
INSERT INTO local_submission_values (organisation_id, period, metric_key, value)
SELECT $1, $2, key, value::double precision FROM jsonb_each_text($3::jsonb))sql"};

const db::statement insert_revision{"benchmarking.insert_submission_revision", R"sql(
INSERT INTO local_submission_revisions (organisation_id, period, revision, status, figures, changed_by)
VALUES ($1, $2, $3, $4, $5::jsonb, $6))sql"};

std::map<std::string, double> read_values(const std::string& json_text)
{
    std::map<std::string, double> values;
    const auto parsed = json::parse(json_text);
    for (const auto& [key, value] : parsed.items())
        values[key] = value.is_number() ? value.get<double>() : std::stod(value.get<std::string>());
    return values;
}

} // namespace

awaitable<std::optional<submission>> submission_store::find_submission(std::int64_t organisation_id, std::string period)
{
    return pool_.query(
        [organisation_id, period = std::move(period)](pqxx::nontransaction& tx) -> std::optional<submission> {
            auto rows = db::exec(tx, select_submission, organisation_id, period);
            if (rows.empty())
                return std::nullopt;
            const auto& row = rows[0];
            return submission{row[0].as<std::string>(),
                              read_values(row[5].as<std::string>()),
                              row[1].as<int>(),
                              row[2].as<std::string>(),
                              {row[3].as<std::int64_t>(), row[4].as<std::string>()}};
        });
}

awaitable<std::vector<submission_revision>> submission_store::submission_history(std::int64_t organisation_id,
                                                                                 std::string period)
{
    return pool_.query([organisation_id, period = std::move(period)](pqxx::nontransaction& tx) {
        std::vector<submission_revision> result;
        for (const auto& row : db::exec(tx, select_history, organisation_id, period))
            result.push_back({row[0].as<int>(),
                              row[1].as<std::string>(),
                              read_values(row[2].as<std::string>()),
                              {row[3].as<std::int64_t>(), row[4].as<std::string>()},
                              row[5].as<std::string>()});
        return result;
    });
}

awaitable<void> submission_store::save_submission(std::int64_t organisation_id, std::string period,
                                                  submission_change change, audit_context audit)
{
    return pool_.write([organisation_id, period = std::move(period), change = std::move(change),
                        audit = std::move(audit)](pqxx::work& tx) {
        auto figures = json::object();
        for (const auto& [key, value] : change.values)
            if (value)
                figures[key] = *value;
        auto revision = db::exec(tx, upsert_submission, organisation_id, period, change.status, *audit.actor_user_id)
                            .at(0)[0]
                            .as<int>();
        db::exec(tx, clear_submission_values, organisation_id, period);
        db::exec(tx, insert_submission_values, organisation_id, period, figures.dump());
        db::exec(tx, insert_revision, organisation_id, period, revision, change.status, figures.dump(),
                 *audit.actor_user_id);
        db::audit(tx, audit,
                  {"local_submission.saved", "organisation", organisation_id,
                   json{{"period", period}, {"status", change.status}, {"revision", revision}}.dump()});
    });
}

} // namespace pswnet::benchmarking
