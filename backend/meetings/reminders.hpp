// Reminders, sent by every instance now and then (and by `pswnet reminders run`): a meeting's, once, to those going
// or maybe going when it starts within a day; an action's to its owner the day before it is due and on the day.
// Each is claimed in the transaction that sends it, so it goes out once across instances and repeated runs.
#pragma once

#include "core/net.hpp"
#include "db/pool.hpp"

#include <optional>
#include <string>

namespace pswnet::meetings {

struct reminder_run {
    int meetings = 0;
    int actions = 0;
};

class reminders {
public:
    explicit reminders(db::pool& pool) : pool_(pool) {}

    // at: an RFC 3339 time to run as of (for operators and tests); none: now.
    awaitable<reminder_run> send_due(std::optional<std::string> at);

private:
    db::pool& pool_;
};

} // namespace pswnet::meetings
