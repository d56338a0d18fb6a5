// The table of options behind the configuration file, the PSWNET_* environment variables and the flags.
#pragma once

#include "core/config.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet {

struct config_option {
    std::string_view flag; // without the leading dashes
    std::string_view help;
    std::function<void(config&, const std::string&)> set; // throws config_error naming the flag
};

// In the order --help shows them.
const std::vector<config_option>& options();

// nullptr when no option has this flag.
const config_option* find_option(std::string_view flag);

// PSWNET_ and the flag in capitals, dashes as underscores: listen -> PSWNET_LISTEN.
std::string environment_name(std::string_view flag);

} // namespace pswnet
