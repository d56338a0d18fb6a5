// Comparator group queries. Members are written as a whole list: a change replaces them.
#include "directory/comparator_group_store.hpp"

#include "core/error.hpp"
#include "db/audit.hpp"
#include "db/statement.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::directory {
namespace {

using nlohmann::json;

constexpr const char* group_columns = R"sql(
    g.id, g.organisation_id, o.name, o.code, g.name, g.created_by, p.display_name, rfc3339(g.created_at),
    rfc3339(g.updated_at)
FROM comparator_groups g
JOIN organisations o ON o.id = g.organisation_id
LEFT JOIN people p ON p.id = g.created_by)sql";

const db::statement list_groups{"directory.comparator_groups", std::string("SELECT") + group_columns + R"sql(
WHERE g.organisation_id = $1
ORDER BY lower(g.name), g.id)sql"};

const db::statement find_group{"directory.comparator_group", std::string("SELECT") + group_columns + R"sql(
WHERE g.id = $1)sql"};

const db::statement group_members{"directory.comparator_group_members", R"sql(
SELECT m.group_id, o.id, o.name, o.code
FROM comparator_group_members m JOIN organisations o ON o.id = m.organisation_id
WHERE m.group_id = ANY($1::bigint[])
ORDER BY lower(o.name), o.id)sql"};

// Saving takes a lock on the organisation's row, so that two requests cannot both save its last group, or two
// groups of one name.
const db::statement lock_organisation{"directory.lock_comparator_group_owner", R"sql(
SELECT (SELECT count(*) FROM comparator_groups WHERE organisation_id = o.id)
FROM organisations o WHERE o.id = $1 FOR UPDATE)sql"};

const db::statement name_in_use{"directory.comparator_group_name_in_use", R"sql(
SELECT 1 FROM comparator_groups WHERE organisation_id = $1 AND lower(name) = lower($2) AND id <> $3)sql"};

const db::statement insert_group{"directory.insert_comparator_group", R"sql(
INSERT INTO comparator_groups (organisation_id, name, created_by) VALUES ($1, $2, $3) RETURNING id)sql"};

const db::statement rename_group{"directory.rename_comparator_group",
                                 "UPDATE comparator_groups SET name = $2, updated_at = now() WHERE id = $1"};

const db::statement clear_members{"directory.clear_comparator_group_members",
                                  "DELETE FROM comparator_group_members WHERE group_id = $1"};

const db::statement insert_members{"directory.insert_comparator_group_members", R"sql(
INSERT INTO comparator_group_members (group_id, organisation_id)
SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING)sql"};

const db::statement delete_group{"directory.delete_comparator_group", "DELETE FROM comparator_groups WHERE id = $1"};

std::string array_literal(const std::vector<std::int64_t>& ids)
{
    std::string text = "{";
    for (auto id : ids)
        text += (text.size() > 1 ? "," : "") + std::to_string(id);
    return text + "}";
}

comparator_group read_group(const pqxx::row& row)
{
    comparator_group g;
    g.id = row[0].as<std::int64_t>();
    g.organisation = {row[1].as<std::int64_t>(), row[2].as<std::string>(), row[3].as<std::string>()};
    g.name = row[4].as<std::string>();
    if (!row[5].is_null() && !row[6].is_null())
        g.created_by = person_ref{row[5].as<std::int64_t>(), row[6].as<std::string>()};
    g.created_at = row[7].as<std::string>();
    g.updated_at = row[8].as<std::string>();
    return g;
}

std::vector<comparator_group> read_groups(pqxx::transaction_base& tx, const pqxx::result& rows)
{
    std::vector<comparator_group> groups;
    std::vector<std::int64_t> ids;
    for (const auto& row : rows) {
        groups.push_back(read_group(row));
        ids.push_back(groups.back().id);
    }
    if (groups.empty())
        return groups;
    for (const auto& row : db::exec(tx, group_members, array_literal(ids))) {
        auto id = row[0].as<std::int64_t>();
        auto owner = std::find_if(groups.begin(), groups.end(), [id](const auto& g) { return g.id == id; });
        owner->members.push_back({row[1].as<std::int64_t>(), row[2].as<std::string>(), row[3].as<std::string>()});
    }
    return groups;
}

// Locks the organisation's groups; throws 409 when another of its groups has the name. Returns how many it has.
std::size_t lock_and_check_name(pqxx::work& tx, std::int64_t organisation_id, const std::string& name,
                                std::int64_t except_id)
{
    auto count = db::exec(tx, lock_organisation, organisation_id).at(0)[0].as<std::size_t>();
    if (!db::exec(tx, name_in_use, organisation_id, name, except_id).empty())
        throw api_error(errc::conflict, "Your organisation already has a group with this name.",
                        {{"name", "your organisation already has a group with this name"}});
    return count;
}

std::string details(const comparator_group_change& change)
{
    return json{{"name", change.name}, {"members", change.member_ids}}.dump();
}

} // namespace

awaitable<std::vector<comparator_group>> comparator_group_store::list(std::int64_t organisation_id)
{
    return pool_.read([organisation_id](pqxx::read_transaction& tx) {
        return read_groups(tx, db::exec(tx, list_groups, organisation_id));
    });
}

awaitable<std::optional<comparator_group>> comparator_group_store::find(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) -> std::optional<comparator_group> {
        auto groups = read_groups(tx, db::exec(tx, find_group, id));
        if (groups.empty())
            return std::nullopt;
        return std::move(groups.front());
    });
}

awaitable<std::int64_t> comparator_group_store::create(std::int64_t organisation_id, comparator_group_change change,
                                                       std::size_t max_groups, audit_context audit)
{
    return pool_.write([=, change = std::move(change), audit = std::move(audit)](pqxx::work& tx) {
        if (lock_and_check_name(tx, organisation_id, change.name, 0) >= max_groups)
            throw api_error(errc::conflict, "Your organisation has " + std::to_string(max_groups) +
                                                " saved groups, the most it may keep. Delete one it no longer uses "
                                                "first.");
        auto id =
            db::exec(tx, insert_group, organisation_id, change.name, audit.actor_user_id).at(0)[0].as<std::int64_t>();
        db::exec(tx, insert_members, id, array_literal(change.member_ids));
        db::audit(tx, audit, {"comparator_group.created", "comparator_group", id, details(change)});
        return id;
    });
}

awaitable<void> comparator_group_store::update(const comparator_group& group, comparator_group_change change,
                                               audit_context audit)
{
    return pool_.write([id = group.id, organisation_id = group.organisation.id, change = std::move(change),
                        audit = std::move(audit)](pqxx::work& tx) {
        lock_and_check_name(tx, organisation_id, change.name, id);
        db::exec(tx, rename_group, id, change.name);
        db::exec(tx, clear_members, id);
        db::exec(tx, insert_members, id, array_literal(change.member_ids));
        db::audit(tx, audit, {"comparator_group.updated", "comparator_group", id, details(change)});
    });
}

awaitable<void> comparator_group_store::remove(std::int64_t id, audit_context audit)
{
    return pool_.write([id, audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, delete_group, id);
        db::audit(tx, audit, {"comparator_group.deleted", "comparator_group", id, "{}"});
    });
}

} // namespace pswnet::directory
