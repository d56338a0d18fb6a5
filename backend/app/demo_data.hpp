// `pswnet seed-demo`: the demo accounts named in the README. Idempotent: existing accounts are left alone.
#pragma once

#include "app/application.hpp"

namespace pswnet {

awaitable<int> seed_demo(application& app); // returns how many accounts were added

} // namespace pswnet
