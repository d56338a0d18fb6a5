#include "identity/people_store.hpp"

#include "db/statement.hpp"

namespace pswnet::identity {
namespace {

constexpr int max_listed = 500; // far beyond any council's social work leadership

const db::statement listed_sql{"identity.listed_people", R"sql(
SELECT id, display_name, job_title, sector, ask_me_about, principal_social_worker
FROM users
WHERE organisation_id = $1 AND listed AND disabled_at IS NULL
ORDER BY lower(display_name), id
LIMIT $2)sql"};

const db::statement unlisted_holders_sql{"identity.unlisted_psw_holders", R"sql(
SELECT coalesce(bool_or(principal_social_worker IN ('children', 'both')), false),
       coalesce(bool_or(principal_social_worker IN ('adults', 'both')), false)
FROM users
WHERE organisation_id = $1 AND NOT listed AND disabled_at IS NULL)sql"};

} // namespace

awaitable<listed_people> people_store::people_of(std::int64_t organisation_id)
{
    return pool_.read([organisation_id](pqxx::read_transaction& tx) {
        listed_people people;
        for (const auto& row : db::exec(tx, listed_sql, organisation_id, max_listed))
            people.listed.push_back(
                {.id = row[0].as<std::int64_t>(),
                 .display_name = row[1].as<std::string>(),
                 .job_title = row[2].as<std::string>(),
                 .sector = parse_sector(row[3].as<std::string>()).value_or(sector::both),
                 .ask_me_about = row[4].as<std::string>(),
                 .principal_social_worker = parse_psw_role(row[5].as<std::string>()).value_or(psw_role::none)});
        auto holders = db::exec(tx, unlisted_holders_sql, organisation_id).at(0);
        people.unlisted_children_psw = holders[0].as<bool>();
        people.unlisted_adults_psw = holders[1].as<bool>();
        return people;
    });
}

} // namespace pswnet::identity
