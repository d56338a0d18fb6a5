// Directory queries. Lists use keyset pagination on (lower(name), id), backed by organisations_name_idx.
#include "directory/store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::directory {
namespace {

constexpr const char* organisation_columns = R"sql(
    o.id, o.kind, o.name, o.code, o.dfe_la_code, o.la_type, o.region_code, r.name AS region_name,
    o.london_subregion, o.in_sn_model, o.services,
    coalesce((SELECT json_agg(json_build_array(la.id, la.name, la.code) ORDER BY la.name)
              FROM organisation_delegations d JOIN organisations la ON la.id = d.local_authority_id
              WHERE d.employer_id = o.id), '[]')::text)sql";

const db::statement list_organisations{"directory.list_organisations",
                                       std::string("SELECT") + organisation_columns + R"sql(
FROM organisations o LEFT JOIN regions r ON r.code = o.region_code
WHERE ($1::text IS NULL OR o.kind = $1)
  AND ($2::text IS NULL OR o.region_code = $2)
  AND ($3::text IS NULL
       OR lower(o.name) LIKE '%' || $3 || '%' ESCAPE '\'
       OR lower(o.code) = $4
       OR o.dfe_la_code::text = $4)
  AND ($5::bigint IS NULL
       OR (lower(o.name), o.id) > (SELECT lower(name), id FROM organisations WHERE id = $5))
ORDER BY lower(o.name), o.id
LIMIT $6)sql"};

const db::statement find_organisation{"directory.find_organisation",
                                      std::string("SELECT") + organisation_columns + R"sql(
FROM organisations o LEFT JOIN regions r ON r.code = o.region_code
WHERE o.id = $1)sql"};

const db::statement find_organisation_by_code{"directory.find_organisation_by_code",
                                              std::string("SELECT") + organisation_columns + R"sql(
FROM organisations o LEFT JOIN regions r ON r.code = o.region_code
WHERE lower(o.code) = lower($1))sql"};

const db::statement statistical{"directory.statistical_neighbours",
                                std::string("SELECT sn.rank, sn.closeness,") + organisation_columns + R"sql(
FROM statistical_neighbours sn
JOIN organisations o ON o.id = sn.neighbour_id
LEFT JOIN regions r ON r.code = o.region_code
WHERE sn.organisation_id = $1
ORDER BY sn.rank)sql"};

const db::statement same_region{"directory.region_neighbours",
                                std::string("SELECT NULL::int AS rank, NULL::text AS closeness,") +
                                    organisation_columns + R"sql(
FROM organisations self
JOIN organisations o ON o.region_code = self.region_code AND o.id <> self.id AND o.kind = 'local_authority'
LEFT JOIN regions r ON r.code = o.region_code
WHERE self.id = $1
ORDER BY lower(o.name), o.id)sql"};

const db::statement list_regions{"directory.regions", R"sql(
SELECT r.code, r.name, count(o.id)
FROM regions r LEFT JOIN organisations o ON o.region_code = r.code
GROUP BY r.code, r.name
ORDER BY r.code)sql"};

const db::statement region_exists_sql{"directory.region_exists", "SELECT 1 FROM regions WHERE code = $1"};

const db::statement insert_employer{"directory.insert_employer", R"sql(
INSERT INTO organisations (kind, name, code, region_code, services) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (code) DO NOTHING RETURNING id)sql"};

const db::statement insert_delegations{"directory.insert_delegations", R"sql(
INSERT INTO organisation_delegations (employer_id, local_authority_id) SELECT $1, unnest($2::bigint[]))sql"};

// Column offset: where the organisation columns start in a row.
organisation read_organisation(const pqxx::row& row, pqxx::row::size_type at = 0)
{
    organisation o;
    o.id = row[at + 0].as<std::int64_t>();
    o.kind = row[at + 1].as<std::string>();
    o.name = row[at + 2].as<std::string>();
    o.code = row[at + 3].as<std::string>();
    o.dfe_la_code = db::nullable<int>(row[at + 4]);
    o.la_type = db::nullable<std::string>(row[at + 5]);
    if (!row[at + 6].is_null())
        o.region = region{row[at + 6].as<std::string>(), row[at + 7].as<std::string>()};
    o.london_subregion = db::nullable<std::string>(row[at + 8]);
    o.in_statistical_neighbour_model = row[at + 9].as<bool>();
    o.services = db::nullable<std::string>(row[at + 10]);
    for (const auto& authority : nlohmann::json::parse(row[at + 11].as<std::string>()))
        o.works_for.push_back(
            {authority[0].get<std::int64_t>(), authority[1].get<std::string>(), authority[2].get<std::string>()});
    return o;
}

std::vector<neighbour> read_neighbours(const pqxx::result& rows)
{
    std::vector<neighbour> result;
    for (const auto& row : rows)
        result.push_back({db::nullable<int>(row[0]), db::nullable<std::string>(row[1]), read_organisation(row, 2)});
    return result;
}

std::string like_pattern(const std::string& text)
{
    std::string escaped;
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '\\')
            escaped.push_back('\\');
        escaped.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
    return escaped;
}

std::string lower(std::string text)
{
    for (auto& ch : text)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return text;
}

} // namespace

awaitable<organisation_page> store::list(organisation_filter filter)
{
    return lag_tolerant_.pool_for_read().read([filter = std::move(filter)](pqxx::read_transaction& tx) {
        std::optional<std::string> pattern, exact;
        if (filter.q) {
            pattern = like_pattern(*filter.q);
            exact = lower(*filter.q);
        }
        auto rows = db::exec(tx, list_organisations, filter.kind, filter.region_code, pattern, exact, filter.after_id,
                             filter.limit + 1);
        organisation_page page;
        for (const auto& row : rows)
            page.items.push_back(read_organisation(row));
        if (page.items.size() > static_cast<std::size_t>(filter.limit)) {
            page.items.pop_back();
            page.next_after_id = page.items.back().id;
        }
        return page;
    });
}

awaitable<std::optional<organisation>> store::find(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) -> std::optional<organisation> {
        auto rows = db::exec(tx, find_organisation, id);
        if (rows.empty())
            return std::nullopt;
        return read_organisation(rows[0]);
    });
}

awaitable<std::optional<organisation>> store::find_by_code(std::string code)
{
    return pool_.read([code = std::move(code)](pqxx::read_transaction& tx) -> std::optional<organisation> {
        auto rows = db::exec(tx, find_organisation_by_code, code);
        if (rows.empty())
            return std::nullopt;
        return read_organisation(rows[0]);
    });
}

awaitable<std::vector<neighbour>> store::statistical_neighbours(std::int64_t id)
{
    return lag_tolerant_.pool_for_read().read(
        [id](pqxx::read_transaction& tx) { return read_neighbours(db::exec(tx, statistical, id)); });
}

awaitable<std::vector<neighbour>> store::region_neighbours(std::int64_t id)
{
    return lag_tolerant_.pool_for_read().read(
        [id](pqxx::read_transaction& tx) { return read_neighbours(db::exec(tx, same_region, id)); });
}

awaitable<std::vector<region_count>> store::regions()
{
    return lag_tolerant_.pool_for_read().read([](pqxx::read_transaction& tx) {
        std::vector<region_count> result;
        for (const auto& row : db::exec(tx, list_regions))
            result.push_back({{row[0].as<std::string>(), row[1].as<std::string>()}, row[2].as<int>()});
        return result;
    });
}

awaitable<std::optional<std::int64_t>> store::add_employer(new_employer employer, audit_context audit)
{
    return pool_.write(
        [e = std::move(employer), audit = std::move(audit)](pqxx::work& tx) -> std::optional<std::int64_t> {
            auto rows = db::exec(tx, insert_employer, e.kind, e.name, e.code, e.region_code, e.services);
            if (rows.empty())
                return std::nullopt;
            auto id = rows[0][0].as<std::int64_t>();
            std::string ids = "{";
            for (auto authority : e.works_for)
                ids += (ids.size() > 1 ? "," : "") + std::to_string(authority);
            db::exec(tx, insert_delegations, id, ids + "}");
            db::audit(tx, audit,
                      {"organisation.created", "organisation", id,
                       nlohmann::json{{"kind", e.kind}, {"code", e.code}, {"works_for", e.works_for}}.dump()});
            return id;
        });
}

awaitable<bool> store::region_exists(std::string code)
{
    return pool_.read([code = std::move(code)](pqxx::read_transaction& tx) {
        return !db::exec(tx, region_exists_sql, code).empty();
    });
}

} // namespace pswnet::directory
