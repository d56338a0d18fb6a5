// Notifications' JSON: the API's and the live events' shapes.
#pragma once

#include "notifications/model.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::notifications {

nlohmann::json to_json(const notification& n);
nlohmann::json to_json(const settings& s);
nlohmann::json to_json(const outbox_entry& e);

// monday .. sunday to 1 .. 7.
std::optional<int> parse_weekday(std::string_view name);

} // namespace pswnet::notifications
