#include "meetings/action_notices.hpp"

#include "db/statement.hpp"
#include "meetings/model_json.hpp"
#include "notifications/notify.hpp"
#include "realtime/event_log.hpp"

namespace pswnet::meetings::action_notices {
namespace {

const db::statement due_words{"actions.due_words", "SELECT to_char($1::date, 'FMDD FMMonth YYYY')"};

void tell_owner(pqxx::work& tx, const action& a, const std::string& title, std::optional<std::int64_t> actor)
{
    notifications::notify(tx,
                          {"group_action",
                           {"group_action", a.id, title,
                            "/groups/" + std::to_string(a.group.id) + "/actions#action-" + std::to_string(a.id)},
                           std::nullopt,
                           actor,
                           {}},
                          {a.owner.id});
}

} // namespace

void given(pqxx::work& tx, const action& a, std::optional<std::int64_t> actor)
{
    auto due = db::exec(tx, due_words, a.due_on).at(0)[0].as<std::string>();
    tell_owner(tx, a, "Action for you in " + a.group.name + ": " + a.title + " (due " + due + ")", actor);
}

void reminder(pqxx::work& tx, const action& a, bool due_today)
{
    tell_owner(tx, a, std::string(due_today ? "Due today: " : "Due tomorrow: ") + a.title, std::nullopt);
}

void changed(pqxx::work& tx, const action& a, std::string_view type)
{
    realtime::append_event(
        tx, "group:" + std::to_string(a.group.id), type,
        nlohmann::json{{"group_id", a.group.id}, {"action", to_json(action_view{a, false, false})}}.dump());
}

} // namespace pswnet::meetings::action_notices
