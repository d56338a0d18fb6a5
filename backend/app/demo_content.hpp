// The demo network a first run shows (app/demo_content.json): invented PSWs in real authorities, and what they do,
// replayed as API calls made in-process through the router as those people. Every rule applies, as it would to
// them: the personal-data guard, the write limits, notifications and the search index. Seeded once: only when its
// people are new to the database.
#pragma once

#include "app/application.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace pswnet {

// `people`: the demo accounts already there, by key (amira, tom, ...), with their user ids. Returns how many steps
// were replayed; none when the content's people existed already.
awaitable<int> seed_demo_content(application& app, std::map<std::string, std::int64_t> people);

} // namespace pswnet
