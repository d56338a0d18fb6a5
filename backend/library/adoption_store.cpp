#include "library/adoption_store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"
#include "library/endorsement_rows.hpp"
#include "notifications/notify.hpp"
#include "realtime/event_log.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::library {
namespace {

using nlohmann::json;

const db::statement resource_author_sql{"library.resource_author",
                                        "SELECT author_id, title FROM resources WHERE id = $1"};

const db::statement thread_ids_sql{
    "library.thread_ids",
    "SELECT thread_id FROM resource_threads WHERE resource_id = $1 ORDER BY thread_id DESC LIMIT 50"};

const db::statement link_thread_sql{
    "library.link_thread",
    "INSERT INTO resource_threads (resource_id, thread_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"};

const db::statement endorse_sql{"library.endorse", R"sql(
INSERT INTO resource_endorsements (resource_id, organisation_id, endorsed_by)
VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1)sql"};

const db::statement unendorse_sql{"library.unendorse", R"sql(
DELETE FROM resource_endorsements WHERE resource_id = $1 AND organisation_id = $2
RETURNING 1)sql"};

const db::statement count_endorsements_sql{"library.count_endorsements", R"sql(
UPDATE resources SET endorsement_count = (SELECT count(*) FROM resource_endorsements WHERE resource_id = $1)
WHERE id = $1
RETURNING endorsement_count)sql"};

} // namespace

awaitable<endorsement_change> adoption_store::endorse(std::int64_t resource_id, bool on, audit_context audit,
                                                      std::int64_t organisation_id)
{
    return pool_.write([=, audit = std::move(audit)](pqxx::work& tx) {
        auto changed = on ? db::exec(tx, endorse_sql, resource_id, organisation_id, *audit.actor_user_id)
                          : db::exec(tx, unendorse_sql, resource_id, organisation_id);
        endorsement_change result;
        result.count = db::exec(tx, count_endorsements_sql, resource_id).at(0)[0].as<int>();
        result.endorsements = read_endorsements(tx, resource_id);
        if (changed.empty())
            return result; // already so: nothing to tell anyone
        db::audit(tx, audit,
                  {on ? "resource.endorsed" : "resource.endorsement_removed", "resource", resource_id,
                   json{{"organisation_id", organisation_id}}.dump()});
        auto organisations = json::array();
        for (const auto& e : result.endorsements)
            organisations.push_back(
                {{"id", e.organisation.id}, {"name", e.organisation.name}, {"code", e.organisation.code}});
        realtime::append_event(tx, "resource:" + std::to_string(resource_id), "resource.endorsements",
                               json{{"resource_id", resource_id},
                                    {"endorsement_count", result.count},
                                    {"organisations", std::move(organisations)}}
                                   .dump());
        if (on) {
            // The author hears of it.
            auto resource = db::exec(tx, resource_author_sql, resource_id);
            if (!resource.empty())
                notifications::notify(tx,
                                      {"resource_endorsed",
                                       {"resource", resource_id, resource[0][1].as<std::string>(),
                                        "/library/" + std::to_string(resource_id)},
                                       std::nullopt,
                                       audit.actor_user_id,
                                       {}},
                                      {resource[0][0].as<std::int64_t>()});
        }
        return result;
    });
}

awaitable<void> adoption_store::link_thread(std::int64_t resource_id, std::int64_t thread_id, std::string thread_title,
                                            std::int64_t started_by)
{
    return pool_.write([=, thread_title = std::move(thread_title)](pqxx::work& tx) {
        db::exec(tx, link_thread_sql, resource_id, thread_id);
        auto resource = db::exec(tx, resource_author_sql, resource_id);
        if (!resource.empty())
            notifications::notify(tx,
                                  {"resource_discussed",
                                   {"thread", thread_id, thread_title, "/discussions/" + std::to_string(thread_id)},
                                   std::nullopt,
                                   started_by,
                                   {}},
                                  {resource[0][0].as<std::int64_t>()});
    });
}

awaitable<std::vector<std::int64_t>> adoption_store::thread_ids(std::int64_t resource_id)
{
    return pool_.query([=](pqxx::nontransaction& tx) {
        std::vector<std::int64_t> ids;
        for (const auto& row : db::exec(tx, thread_ids_sql, resource_id))
            ids.push_back(row[0].as<std::int64_t>());
        return ids;
    });
}

} // namespace pswnet::library
