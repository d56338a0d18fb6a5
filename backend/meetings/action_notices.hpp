// What others learn of an action, inside the transaction of the change: its owner through notifications (kind
// `group_action`), and everyone on the group's page through the group's channel.
#pragma once

#include "meetings/model.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <string_view>

namespace pswnet::meetings::action_notices {

// The action was given to its owner (unless they gave it to themselves).
void given(pqxx::work& tx, const action& a, std::optional<std::int64_t> actor);

// Its owner is reminded: it is due tomorrow, or today.
void reminder(pqxx::work& tx, const action& a, bool due_today);

// `action.created` or `action.updated` on group:{id}, with the action as no one in particular may act on it.
void changed(pqxx::work& tx, const action& a, std::string_view type);

} // namespace pswnet::meetings::action_notices
