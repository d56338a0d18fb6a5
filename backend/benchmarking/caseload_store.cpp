// Caseload health check returns: one row per organisation, period and service, replaced as a whole.
#include "benchmarking/caseload_store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::benchmarking {
namespace {

constexpr const char* return_columns = R"sql(
    c.organisation_id, o.name, o.code, c.cap, c.up_to_12, c.from_13_to_15, c.from_16_to_18, c.from_19_to_22,
    c.over_22, c.status, c.updated_by, p.display_name, rfc3339(c.updated_at)
FROM caseload_returns c
JOIN organisation_directory o ON o.id = c.organisation_id
LEFT JOIN people p ON p.id = c.updated_by)sql";

const db::statement find_return{"benchmarking.find_caseload_return", std::string("SELECT") + return_columns + R"sql(
WHERE c.organisation_id = $1 AND c.period = $2 AND c.service = $3)sql"};

const db::statement shared_returns{"benchmarking.shared_caseload_returns",
                                   std::string("SELECT") + return_columns + R"sql(
WHERE c.period = $1 AND c.service = $2 AND c.status = 'shared')sql"};

// Periods sort as text: "2024" before "2024-Q1" before "2025".
const db::statement newest{"benchmarking.newest_caseload_period", R"sql(
SELECT max(period) FROM caseload_returns
WHERE service = $2 AND (status = 'shared' OR organisation_id = $1))sql"};

const db::statement upsert_return{"benchmarking.save_caseload_return", R"sql(
INSERT INTO caseload_returns AS c (organisation_id, period, service, cap, up_to_12, from_13_to_15, from_16_to_18,
                                   from_19_to_22, over_22, status, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (organisation_id, period, service) DO UPDATE
SET cap = excluded.cap, up_to_12 = excluded.up_to_12, from_13_to_15 = excluded.from_13_to_15,
    from_16_to_18 = excluded.from_16_to_18, from_19_to_22 = excluded.from_19_to_22, over_22 = excluded.over_22,
    status = excluded.status, updated_by = excluded.updated_by, updated_at = now())sql"};

caseload_return read_return(const pqxx::row& row)
{
    caseload_return r;
    r.organisation = {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()};
    r.cap = row[3].as<int>();
    for (std::size_t i = 0; i < r.counts.size(); ++i)
        r.counts[i] = row[static_cast<int>(4 + i)].as<int>();
    r.status = row[9].as<std::string>();
    if (!row[10].is_null() && !row[11].is_null())
        r.updated_by = person_ref{row[10].as<std::int64_t>(), row[11].as<std::string>()};
    r.updated_at = row[12].as<std::string>();
    return r;
}

} // namespace

awaitable<std::optional<caseload_return>> caseload_store::find(std::int64_t organisation_id, std::string period,
                                                               std::string service)
{
    return pool_.read([=, period = std::move(period),
                       service = std::move(service)](pqxx::read_transaction& tx) -> std::optional<caseload_return> {
        auto rows = db::exec(tx, find_return, organisation_id, period, service);
        if (rows.empty())
            return std::nullopt;
        return read_return(rows[0]);
    });
}

awaitable<std::vector<caseload_return>> caseload_store::shared(std::string period, std::string service)
{
    return pool_.read([period = std::move(period), service = std::move(service)](pqxx::read_transaction& tx) {
        std::vector<caseload_return> result;
        for (const auto& row : db::exec(tx, shared_returns, period, service))
            result.push_back(read_return(row));
        return result;
    });
}

awaitable<std::optional<std::string>> caseload_store::newest_period(std::int64_t organisation_id, std::string service)
{
    return pool_.read([=, service = std::move(service)](pqxx::read_transaction& tx) -> std::optional<std::string> {
        auto row = db::exec(tx, newest, organisation_id, service).at(0);
        if (row[0].is_null())
            return std::nullopt;
        return row[0].as<std::string>();
    });
}

awaitable<void> caseload_store::save(std::int64_t organisation_id, std::string period, std::string service,
                                     caseload_change change, audit_context audit)
{
    return pool_.write([=, period = std::move(period), service = std::move(service),
                        audit = std::move(audit)](pqxx::work& tx) {
        const auto& n = change.counts;
        db::exec(tx, upsert_return, organisation_id, period, service, change.cap, n[0], n[1], n[2], n[3], n[4],
                 change.status, audit.actor_user_id);
        nlohmann::json details{
            {"period", period}, {"service", service}, {"cap", change.cap}, {"counts", n}, {"status", change.status}};
        db::audit(tx, audit, {"caseload_return.saved", "organisation", organisation_id, details.dump()});
    });
}

} // namespace pswnet::benchmarking
