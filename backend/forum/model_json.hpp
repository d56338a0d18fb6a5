// JSON of the discussions' types, as described in schemas/openapi.yaml. Used by the routes and by the events.
#pragma once

#include "forum/model.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::forum {

nlohmann::json to_json(const author& a);
nlohmann::json to_json(const reaction_counts& r);
nlohmann::json to_json(const thread_summary& t);
nlohmann::json to_json(const post_view& p);
nlohmann::json to_json(const thread& t);
nlohmann::json to_json(const revision& r);
nlohmann::json to_json(const search_hit& h);
nlohmann::json to_json(const flag& f);

// A post as everyone may see it, for events that go to every subscriber of a thread.
post_view public_view(const thread_summary& thread, post p);

} // namespace pswnet::forum
