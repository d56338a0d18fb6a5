// Action queries: a group's open ones soonest due first, done ones latest done first.
#include "meetings/action_store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"
#include "meetings/action_notices.hpp"
#include "meetings/action_rows.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::meetings {
namespace {

using nlohmann::json;

const db::statement list_sql{"actions.list", std::string("SELECT") + rows::action_columns + rows::action_from + R"sql(
WHERE a.group_id = $1
  AND ($2 = 'all' OR ($2 = 'open') = (a.done_at IS NULL))
ORDER BY a.done_at IS NOT NULL, a.done_at DESC, a.due_on, a.id
LIMIT $3)sql"};

const db::statement find_sql{"actions.find",
                             std::string("SELECT") + rows::action_columns + rows::action_from + "WHERE a.id = $1"};

const db::statement member_sql{"actions.is_member", R"sql(
SELECT 1 FROM group_membership m JOIN people p ON p.id = m.person_id
WHERE m.group_id = $1 AND m.person_id = $2 AND p.active)sql"};

// Told of it today, so the first reminder is tomorrow's at the soonest.
const db::statement insert_sql{"actions.insert", R"sql(
INSERT INTO group_actions (group_id, meeting_id, title, owner_id, due_on, created_by, reminded_on)
VALUES ($1, $2, $3, $4, $5::date, $6, (now() AT TIME ZONE 'Europe/London')::date)
RETURNING id)sql"};

const db::statement update_sql{"actions.update", R"sql(
UPDATE group_actions
SET title = coalesce($2, title), owner_id = coalesce($3, owner_id), due_on = coalesce($4::date, due_on),
    done_at = CASE WHEN $5::boolean IS NULL THEN done_at WHEN $5 THEN coalesce(done_at, now()) END
WHERE id = $1)sql"};

const char* done_state(action_state state)
{
    switch (state) {
    case action_state::open:
        return "open";
    case action_state::done:
        return "done";
    case action_state::all:
        return "all";
    }
    return "open";
}

} // namespace

awaitable<std::vector<action>> action_store::list(std::int64_t group_id, action_state state)
{
    return pool_.read([group_id, state](pqxx::read_transaction& tx) {
        std::vector<action> result;
        for (const auto& row : db::exec(tx, list_sql, group_id, std::string(done_state(state)), max_listed_actions))
            result.push_back(rows::read_action(row));
        return result;
    });
}

awaitable<std::optional<action>> action_store::find(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) -> std::optional<action> {
        auto found = db::exec(tx, find_sql, id);
        if (found.empty())
            return std::nullopt;
        return rows::read_action(found[0]);
    });
}

awaitable<bool> action_store::is_member(std::int64_t group_id, std::int64_t person_id)
{
    return pool_.read(
        [=](pqxx::read_transaction& tx) { return !db::exec(tx, member_sql, group_id, person_id).empty(); });
}

awaitable<std::int64_t> action_store::create(const group_ref& group, const action_change& c, audit_context audit)
{
    return pool_.write([group, c, audit = std::move(audit)](pqxx::work& tx) {
        auto id =
            db::exec(tx, insert_sql, group.id, c.meeting_id, *c.title, *c.owner_id, *c.due_on, audit.actor_user_id)
                .at(0)[0]
                .as<std::int64_t>();
        db::audit(tx, audit, {"group_action.created", "group_action", id, json{{"group_id", group.id}}.dump()});
        auto created = rows::read_action(db::exec(tx, find_sql, id).at(0));
        action_notices::given(tx, created, audit.actor_user_id);
        action_notices::changed(tx, created, "action.created");
        return id;
    });
}

awaitable<void> action_store::update(const action& before, const action_change& c, audit_context audit)
{
    return pool_.write([before, c, audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, update_sql, before.id, c.title, c.owner_id, c.due_on, c.done);
        json details = json::object();
        if (c.done)
            details["done"] = *c.done;
        db::audit(tx, audit, {"group_action.updated", "group_action", before.id, details.dump()});
        auto after = rows::read_action(db::exec(tx, find_sql, before.id).at(0));
        if (after.owner.id != before.owner.id)
            action_notices::given(tx, after, audit.actor_user_id);
        action_notices::changed(tx, after, "action.updated");
    });
}

} // namespace pswnet::meetings
