// `pswnet seed-demo`: the demo accounts named in the README, and (unless only the accounts are asked for) the demo
// content of app/demo_content.json. Idempotent: existing accounts are left alone, and the content is seeded once.
#pragma once

#include "app/application.hpp"

namespace pswnet {

awaitable<int> seed_demo(application& app, bool with_content); // returns how many accounts were added

} // namespace pswnet
