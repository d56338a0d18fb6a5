// The configuration file, /etc/pswnet/pswnet.conf: one "key = value" per line, whose keys are the flags without
// their dashes; '#' starts a comment line. Flags and PSWNET_* environment variables override it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet {

inline constexpr std::string_view default_config_path = "/etc/pswnet/pswnet.conf";

struct config_file_entry {
    std::string key;
    std::string value;
    int line = 0;
};

// Throws config_error naming the path and line of a line that is not "key = value".
std::vector<config_file_entry> parse_config_file(std::string_view text, const std::string& path);

// The text of a file, or nullopt when there is none; throws config_error when it exists but cannot be read.
using config_file_reader = std::function<std::optional<std::string>(const std::string& path)>;
std::optional<std::string> read_config_file(const std::string& path);

} // namespace pswnet
