// A meeting's fields from a request: a change applied to what is stored, and checked as a whole, so that one answer
// names every field at fault ("end_time must be after start_time" whichever of the two was sent). Pure, unit-tested.
#pragma once

#include "core/error.hpp"
#include "meetings/model.hpp"

namespace pswnet::meetings {

// The fields a meeting has now (with its papers).
meeting_fields fields_of(const meeting& m, std::vector<std::int64_t> paper_ids);

// `base` with the change applied; a new meeting's base is empty and the change must name its title, date and
// times. Adds an error for each field at fault.
meeting_fields apply(const meeting_change& change, meeting_fields base, bool is_new, field_errors& errors);

// Whether calendars and people going should hear of it: the date, the times, the place or the link differ.
bool moved(const meeting_fields& before, const meeting_fields& after);

} // namespace pswnet::meetings
