// The columns an action is read from, shared by the actions' store and the reminders.
#pragma once

#include "meetings/model.hpp"

#include <pqxx/pqxx>

namespace pswnet::meetings::rows {

// After SELECT; then FROM, and WHERE on a.
extern const char* const action_columns;
extern const char* const action_from;

action read_action(const pqxx::row& row);

} // namespace pswnet::meetings::rows
