// What others learn of a meeting, inside the transaction of the change: people through notifications, and everyone
// on the group's pages through the group's channel.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pswnet::meetings::meeting_notices {

struct about {
    std::int64_t meeting_id = 0;
    std::int64_t group_id = 0;
    std::string title;
};

// A new meeting: the group's members are told (kind `meeting`).
void arranged(pqxx::work& tx, const about& m, std::optional<std::int64_t> actor);

// Moved or cancelled (`headline` "Changed", "Cancelled"): those going or maybe going are told (kind `meeting`).
void changed(pqxx::work& tx, const about& m, std::string_view headline, std::optional<std::int64_t> actor);

// It starts within a day: those going or maybe going are reminded (kind `meeting_reminder`).
void reminder(pqxx::work& tx, const about& m);

// meeting.created, meeting.updated or meeting.cancelled on group:{id}.
void event(pqxx::work& tx, const about& m, std::string_view type);

} // namespace pswnet::meetings::meeting_notices
