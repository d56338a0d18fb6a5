// Meetings as iCalendar (RFC 5545), written with libical: one meeting's .ics file, and a person's feed. Each meeting
// is one VEVENT whose UID never changes and whose SEQUENCE counts its changes, so that a calendar holding it takes an
// update or a cancellation in place. Times are written in UTC.
#pragma once

#include "meetings/model.hpp"

#include <string>
#include <vector>

namespace pswnet::meetings::icalendar {

struct links {
    std::string origin;     // the web client's, for each meeting's URL: https://pswnet.example
    std::string uid_domain; // the right-hand side of each UID: pswnet.example
};

// METHOD:PUBLISH, or METHOD:CANCEL for a cancelled meeting.
std::string meeting_file(const meeting& m, const links& where);

// METHOD:PUBLISH with every meeting, cancelled ones as STATUS:CANCELLED; calendars look again every hour.
std::string feed(const std::vector<meeting>& meetings, const links& where);

} // namespace pswnet::meetings::icalendar
