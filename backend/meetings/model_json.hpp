// JSON of meetings' types, as the API contract (schemas/openapi.yaml) describes them.
#pragma once

#include "meetings/model.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::meetings {

nlohmann::json to_json(const rsvp_counts& c);
nlohmann::json to_json(const meeting_view& v); // MeetingSummary
nlohmann::json to_json(const meeting_details& d);
nlohmann::json to_json(const attendee& a);
nlohmann::json to_json(const action_view& v);
nlohmann::json to_json(const calendar_feed& f);

} // namespace pswnet::meetings
