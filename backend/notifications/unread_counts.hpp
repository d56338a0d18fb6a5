// How many of each person's notifications are unread. The triggers of migrations 0028 and 0032 keep it: each
// statement on notifications appends its changes to the counts, which no other writer waits on, and every instance
// folds them into the counters now and then. Reads add the two, so a count is exact whenever it is read.
#pragma once

#include "core/net.hpp"
#include "db/pool.hpp"

#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::notifications {

// The count every list and live event carries.
int unread_count(pqxx::transaction_base& tx, std::int64_t user_id);

// Adds the changes appended since the last fold into the counters, so that reads add only a few. Safe on every
// instance at once: one folds, the others do nothing.
awaitable<void> fold_unread_changes(db::pool& pool);

} // namespace pswnet::notifications
