// Group queries. Lists use keyset pagination on (lower(name), id): the cursor is the previous page's last group.
#include "groups/store.hpp"

#include "core/error.hpp"
#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "notifications/notify.hpp"
#include "realtime/event_log.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::groups {
namespace {

using nlohmann::json;

// $1 is the viewer.
constexpr const char* group_columns = R"sql(
    g.id, g.name, g.description, g.kind, g.privacy, g.sector, g.region_code, r.name, rfc3339(g.created_at),
    (SELECT count(*) FROM group_members m WHERE m.group_id = g.id),
    (SELECT count(*) FROM group_members m WHERE m.group_id = g.id AND m.role = 'owner'),
    (SELECT m.role FROM group_members m WHERE m.group_id = g.id AND m.person_id = $1),
    EXISTS (SELECT 1 FROM group_join_requests q WHERE q.group_id = g.id AND q.person_id = $1)
FROM groups g LEFT JOIN region_directory r ON r.code = g.region_code)sql";

const db::statement list_sql{"groups.list", std::string("SELECT") + group_columns + R"sql(
WHERE (g.privacy <> 'private' OR $2
       OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $1))
  AND ($3::text IS NULL OR g.kind = $3)
  AND ($4::text IS NULL OR g.sector = $4 OR g.sector = 'both')
  AND ($5::text IS NULL OR strpos(lower(g.name || ' ' || g.description), lower($5)) > 0)
  AND (NOT $6 OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $1))
  AND ($7::bigint IS NULL OR (lower(g.name), g.id) > (SELECT lower(a.name), a.id FROM groups a WHERE a.id = $7))
ORDER BY lower(g.name), g.id
LIMIT $8)sql"};

const db::statement find_sql{"groups.find", std::string("SELECT") + group_columns + " WHERE g.id = $2"};

const db::statement owns_sql{"groups.owns_a_group",
                             "SELECT 1 FROM group_members WHERE person_id = $1 AND role = 'owner' LIMIT 1"};

const db::statement name_in_use{"groups.name_in_use",
                                "SELECT 1 FROM groups WHERE lower(name) = lower($1) AND id <> $2"};

const db::statement insert_group{"groups.insert", R"sql(
INSERT INTO groups (name, description, kind, sector, region_code, privacy, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)sql"};

const db::statement update_group{"groups.update", R"sql(
UPDATE groups SET name = coalesce($2, name), description = coalesce($3, description),
                  privacy = coalesce($4, privacy), updated_at = now()
WHERE id = $1)sql"};

const db::statement members_sql{"groups.members", R"sql(
SELECT p.id, p.display_name, p.organisation_id, p.organisation_name, p.organisation_code, m.role,
       rfc3339(m.joined_at)
FROM group_members m JOIN people p ON p.id = m.person_id
WHERE m.group_id = $1 AND p.active
ORDER BY m.role = 'owner' DESC, lower(p.display_name), p.id
LIMIT 5000)sql"};

const db::statement person_by_id{"groups.person_by_id",
                                 "SELECT id, display_name FROM mailboxes WHERE id = $1 AND active"};
const db::statement person_by_email{"groups.person_by_email",
                                    "SELECT id, display_name FROM mailboxes WHERE lower(email) = lower($1) AND active"};

const db::statement upsert_member{"groups.upsert_member", R"sql(
INSERT INTO group_members (group_id, person_id, role) VALUES ($1, $2, $3)
ON CONFLICT (group_id, person_id) DO UPDATE SET role = excluded.role)sql"};

const db::statement lock_group{"groups.lock", "SELECT 1 FROM groups WHERE id = $1 FOR UPDATE"};

const db::statement counts_sql{"groups.counts", R"sql(
SELECT count(*), count(*) FILTER (WHERE role = 'owner') FROM group_members WHERE group_id = $1)sql"};

const db::statement role_sql{"groups.role", "SELECT role FROM group_members WHERE group_id = $1 AND person_id = $2"};

const db::statement set_role_sql{"groups.set_role",
                                 "UPDATE group_members SET role = $3 WHERE group_id = $1 AND person_id = $2"};

const db::statement delete_member{"groups.delete_member",
                                  "DELETE FROM group_members WHERE group_id = $1 AND person_id = $2 RETURNING 1"};

const db::statement insert_request{"groups.insert_request", R"sql(
INSERT INTO group_join_requests (group_id, person_id, message) VALUES ($1, $2, $3)
ON CONFLICT (group_id, person_id) DO NOTHING RETURNING id)sql"};

const db::statement delete_own_request{"groups.delete_own_request", R"sql(
DELETE FROM group_join_requests WHERE group_id = $1 AND person_id = $2 RETURNING id)sql"};

const db::statement take_request{"groups.take_request", R"sql(
DELETE FROM group_join_requests WHERE id = $1 AND group_id = $2 RETURNING person_id)sql"};

const db::statement requests_sql{"groups.requests", R"sql(
SELECT q.id, p.id, p.display_name, p.organisation_id, p.organisation_name, p.organisation_code, q.message,
       rfc3339(q.requested_at)
FROM group_join_requests q JOIN people p ON p.id = q.person_id
WHERE q.group_id = $1 AND p.active
ORDER BY q.requested_at, q.id)sql"};

// Who hears of a request to join: the group's owners, or the network administrators of a group without any.
const db::statement deciders_sql{"groups.deciders", R"sql(
SELECT m.person_id FROM group_members m JOIN people p ON p.id = m.person_id
WHERE m.group_id = $1 AND m.role = 'owner' AND p.active
UNION
SELECT p.id FROM people p
WHERE p.active AND 'network_admin' = ANY(p.roles)
  AND NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = $1 AND m.role = 'owner'))sql"};

const db::statement requester_name{"groups.requester_name", "SELECT display_name FROM people WHERE id = $1"};

group read_group(const pqxx::row& row)
{
    group g;
    g.id = row[0].as<std::int64_t>();
    g.name = row[1].as<std::string>();
    g.description = row[2].as<std::string>();
    g.kind = row[3].as<std::string>();
    g.privacy = row[4].as<std::string>();
    g.sector = parse_sector(row[5].as<std::string>()).value_or(sector::both);
    if (!row[6].is_null())
        g.region = region{row[6].as<std::string>(), row[7].as<std::string>()};
    g.created_at = row[8].as<std::string>();
    g.member_count = row[9].as<int>();
    g.owner_count = row[10].as<int>();
    g.my_role = db::nullable<std::string>(row[11]);
    g.requested = row[12].as<bool>();
    return g;
}

std::string channel(std::int64_t group_id)
{
    return "group:" + std::to_string(group_id);
}

std::string link(std::int64_t group_id, std::string_view section = "")
{
    return "/groups/" + std::to_string(group_id) + std::string(section);
}

// Members changed: everyone on the group's page sees the new counts, and reloads the list when they may read it.
void members_event(pqxx::work& tx, std::int64_t group_id, std::string_view type, std::int64_t person_id)
{
    auto counts = db::exec(tx, counts_sql, group_id).at(0);
    realtime::append_event(
        tx, channel(group_id), type,
        json{{"group_id", group_id}, {"person_id", person_id}, {"member_count", counts[0].as<int>()}}.dump());
}

std::vector<std::int64_t> ids_of(const pqxx::result& result)
{
    std::vector<std::int64_t> ids;
    for (const auto& row : result)
        ids.push_back(row[0].as<std::int64_t>());
    return ids;
}

void withdraw_request_notices(pqxx::work& tx, std::int64_t request_id)
{
    notifications::withdraw(tx, "group_join_request", request_id,
                            notifications::holders(tx, "group_join_request", request_id));
}

// Throws 409 when the change leaves a group with members but no owner. Networks without owners are the network
// administrators' until they appoint one, so only a group that had owners is held to it.
void keep_an_owner(pqxx::work& tx, std::int64_t group_id, int owners_before)
{
    auto counts = db::exec(tx, counts_sql, group_id).at(0);
    if (owners_before > 0 && counts[1].as<int>() == 0 && counts[0].as<int>() > 0)
        throw api_error(errc::conflict, "A group needs an owner while it has members: make someone else an owner "
                                        "first.");
}

int owners_of(pqxx::work& tx, std::int64_t group_id)
{
    db::exec(tx, lock_group, group_id);
    return db::exec(tx, counts_sql, group_id).at(0)[1].as<int>();
}

} // namespace

awaitable<group_page> store::list(std::int64_t viewer, bool sees_all, group_filter f)
{
    return pool_.read([=, f = std::move(f)](pqxx::read_transaction& tx) {
        group_page page;
        for (const auto& row :
             db::exec(tx, list_sql, viewer, sees_all, f.kind, f.sector, f.q, f.mine, f.after_id, f.limit + 1)) {
            if (page.items.size() == static_cast<std::size_t>(f.limit)) {
                page.next_after_id = page.items.back().id;
                break;
            }
            page.items.push_back(read_group(row));
        }
        return page;
    });
}

awaitable<std::optional<group>> store::find(std::int64_t viewer, std::int64_t id)
{
    return pool_.read([=](pqxx::read_transaction& tx) -> std::optional<group> {
        auto rows = db::exec(tx, find_sql, viewer, id);
        if (rows.empty())
            return std::nullopt;
        return read_group(rows[0]);
    });
}

awaitable<bool> store::owns_a_group(std::int64_t person_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) { return !db::exec(tx, owns_sql, person_id).empty(); });
}

awaitable<std::int64_t> store::create(const group_change& g, audit_context audit)
{
    return pool_.write([g, audit = std::move(audit)](pqxx::work& tx) {
        if (!db::exec(tx, name_in_use, *g.name, 0).empty())
            throw api_error(errc::conflict, "There is already a group with this name.",
                            {{"name", "there is already a group with this name"}});
        const auto creator = audit.actor_user_id.value(); // someone signed in
        auto id = db::exec(tx, insert_group, *g.name, g.description.value_or(""), *g.kind, *g.sector, g.region_code,
                           *g.privacy, creator)
                      .at(0)[0]
                      .as<std::int64_t>();
        db::exec(tx, upsert_member, id, creator, "owner");
        db::audit(tx, audit, {"group.created", "group", id, json{{"kind", *g.kind}, {"privacy", *g.privacy}}.dump()});
        return id;
    });
}

awaitable<void> store::update(std::int64_t id, const group_change& change, audit_context audit)
{
    return pool_.write([id, change, audit = std::move(audit)](pqxx::work& tx) {
        if (change.name && !db::exec(tx, name_in_use, *change.name, id).empty())
            throw api_error(errc::conflict, "There is already a group with this name.",
                            {{"name", "there is already a group with this name"}});
        db::exec(tx, update_group, id, change.name, change.description, change.privacy);
        json details = json::object();
        if (change.privacy)
            details["privacy"] = *change.privacy;
        db::audit(tx, audit, {"group.updated", "group", id, details.dump()});
        realtime::append_event(tx, channel(id), "group.updated", json{{"group_id", id}}.dump());
        if (change.privacy && *change.privacy != "open") // those who read it as an open group may no longer
            realtime::access_narrowed(tx, std::nullopt);
    });
}

awaitable<std::vector<member>> store::members(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) {
        std::vector<member> result;
        for (const auto& row : db::exec(tx, members_sql, id))
            result.push_back({row[0].as<std::int64_t>(),
                              row[1].as<std::string>(),
                              {row[2].as<std::int64_t>(), row[3].as<std::string>(), row[4].as<std::string>()},
                              row[5].as<std::string>(),
                              row[6].as<std::string>()});
        return result;
    });
}

awaitable<std::optional<candidate>> store::person(std::optional<std::int64_t> id, std::optional<std::string> email)
{
    return pool_.read([=](pqxx::read_transaction& tx) -> std::optional<candidate> {
        auto rows = id ? db::exec(tx, person_by_id, *id) : db::exec(tx, person_by_email, email.value_or(""));
        if (rows.empty())
            return std::nullopt;
        return candidate{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>()};
    });
}

awaitable<void> store::add_member(const group& g, const candidate& person, std::string role,
                                  std::optional<std::int64_t> added_by, audit_context audit)
{
    return pool_.write([g, person, role = std::move(role), added_by, audit = std::move(audit)](pqxx::work& tx) {
        auto owners = owners_of(tx, g.id);
        db::exec(tx, upsert_member, g.id, person.id, role);
        keep_an_owner(tx, g.id, owners);
        // Whoever was waiting for an answer has one.
        for (const auto& row : db::exec(tx, delete_own_request, g.id, person.id))
            withdraw_request_notices(tx, row[0].as<std::int64_t>());
        db::audit(tx, audit,
                  {"group.member_added", "group", g.id, json{{"person_id", person.id}, {"role", role}}.dump()});
        members_event(tx, g.id, "member.joined", person.id);
        if (added_by)
            notifications::notify(tx,
                                  {.kind = "group_membership",
                                   .about = {"group", g.id, "You were added to " + g.name, link(g.id)},
                                   .actor_id = added_by},
                                  {person.id});
    });
}

awaitable<void> store::set_role(const group& g, std::int64_t person_id, std::string role, audit_context audit)
{
    return pool_.write([g, person_id, role = std::move(role), audit = std::move(audit)](pqxx::work& tx) {
        auto owners = owners_of(tx, g.id);
        if (db::exec(tx, role_sql, g.id, person_id).empty())
            throw api_error(errc::not_found, "That person is not a member of this group.");
        db::exec(tx, set_role_sql, g.id, person_id, role);
        keep_an_owner(tx, g.id, owners);
        db::audit(tx, audit,
                  {"group.role_changed", "group", g.id, json{{"person_id", person_id}, {"role", role}}.dump()});
        members_event(tx, g.id, "member.changed", person_id);
    });
}

awaitable<bool> store::remove_member(const group& g, std::int64_t person_id, audit_context audit)
{
    return pool_.write([g, person_id, audit = std::move(audit)](pqxx::work& tx) {
        auto owners = owners_of(tx, g.id);
        if (db::exec(tx, delete_member, g.id, person_id).empty())
            return false;
        keep_an_owner(tx, g.id, owners);
        db::audit(tx, audit, {"group.member_removed", "group", g.id, json{{"person_id", person_id}}.dump()});
        members_event(tx, g.id, "member.left", person_id);
        if (g.privacy != "open") // they no longer read its channel nor its discussions'
            realtime::access_narrowed(tx, person_id);
        return true;
    });
}

awaitable<void> store::request(const group& g, std::int64_t person_id, std::string message, audit_context audit)
{
    return pool_.write([g, person_id, message = std::move(message), audit = std::move(audit)](pqxx::work& tx) {
        auto inserted = db::exec(tx, insert_request, g.id, person_id, message);
        if (inserted.empty())
            throw api_error(errc::conflict, "You have already asked to join this group.");
        auto request_id = inserted[0][0].as<std::int64_t>();
        db::audit(tx, audit, {"group.join_requested", "group", g.id, "{}"});
        auto name = db::exec(tx, requester_name, person_id).at(0)[0].as<std::string>();
        notifications::notify(tx,
                              {.kind = "group_membership",
                               .about = {"group_join_request", request_id, name + " asks to join " + g.name,
                                         link(g.id, "#join-requests")},
                               .actor_id = person_id,
                               .excerpt = message},
                              ids_of(db::exec(tx, deciders_sql, g.id)));
        realtime::append_event(tx, channel(g.id), "request.created", json{{"group_id", g.id}}.dump());
    });
}

awaitable<bool> store::withdraw_request(const group& g, std::int64_t person_id, audit_context audit)
{
    return pool_.write([g, person_id, audit = std::move(audit)](pqxx::work& tx) {
        auto taken = db::exec(tx, delete_own_request, g.id, person_id);
        if (taken.empty())
            return false;
        withdraw_request_notices(tx, taken[0][0].as<std::int64_t>());
        db::audit(tx, audit, {"group.join_request_withdrawn", "group", g.id, "{}"});
        return true;
    });
}

awaitable<std::vector<join_request>> store::requests(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) {
        std::vector<join_request> result;
        for (const auto& row : db::exec(tx, requests_sql, id))
            result.push_back({row[0].as<std::int64_t>(),
                              row[1].as<std::int64_t>(),
                              row[2].as<std::string>(),
                              {row[3].as<std::int64_t>(), row[4].as<std::string>(), row[5].as<std::string>()},
                              row[6].as<std::string>(),
                              row[7].as<std::string>()});
        return result;
    });
}

awaitable<bool> store::decide(const group& g, std::int64_t request_id, bool approve, audit_context audit)
{
    return pool_.write([g, request_id, approve, audit = std::move(audit)](pqxx::work& tx) {
        auto taken = db::exec(tx, take_request, request_id, g.id);
        if (taken.empty())
            return false;
        auto person_id = taken[0][0].as<std::int64_t>();
        withdraw_request_notices(tx, request_id);
        if (approve) {
            db::exec(tx, upsert_member, g.id, person_id, "member");
            members_event(tx, g.id, "member.joined", person_id);
        }
        db::audit(tx, audit,
                  {approve ? "group.join_approved" : "group.join_declined", "group", g.id,
                   json{{"person_id", person_id}}.dump()});
        notifications::notify(
            tx,
            {.kind = "group_membership",
             .about = {"group", g.id,
                       approve ? "You joined " + g.name : "Your request to join " + g.name + " was declined",
                       link(g.id)},
             .actor_id = audit.actor_user_id},
            {person_id});
        return true;
    });
}

} // namespace pswnet::groups
