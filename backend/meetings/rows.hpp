// The columns a meeting is read from, shared by the meetings' store and the calendar feed.
#pragma once

#include "meetings/model.hpp"

#include <pqxx/pqxx>

namespace pswnet::meetings::rows {

// After SELECT; $1 is the viewer (whose answer my_rsvp is). Then FROM, and WHERE on m.
extern const char* const meeting_columns;
extern const char* const meeting_from;

meeting read_meeting(const pqxx::row& row);

} // namespace pswnet::meetings::rows
