// Reading the configuration file into key-value pairs; config.cpp applies them with the flags' own parsers.
#include "core/config_file.hpp"

#include "core/config.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace pswnet {
namespace {

std::string_view trim(std::string_view text)
{
    constexpr std::string_view blanks = " \t\r";
    auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

// "value" and 'value' stand for value, so that a value may begin or end with a blank.
std::string_view unquote(std::string_view value)
{
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
        return value.substr(1, value.size() - 2);
    return value;
}

} // namespace

std::vector<config_file_entry> parse_config_file(std::string_view text, const std::string& path)
{
    std::vector<config_file_entry> entries;
    int line_number = 0;
    while (!text.empty()) {
        auto end = text.find('\n');
        auto line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++line_number;
        if (line.empty() || line.front() == '#')
            continue;
        auto equals = line.find('=');
        auto key = trim(line.substr(0, equals));
        if (equals == std::string_view::npos || key.empty() || key.starts_with("--"))
            throw config_error(path + ":" + std::to_string(line_number) +
                               ": each line must be key = value, where key is a flag without its dashes");
        entries.push_back({std::string(key), std::string(unquote(trim(line.substr(equals + 1)))), line_number});
    }
    return entries;
}

std::optional<std::string> read_config_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        if (errno == ENOENT)
            return std::nullopt;
        throw config_error("cannot read " + path + ": " + std::strerror(errno));
    }
    std::ostringstream text;
    text << file.rdbuf();
    return std::move(text).str();
}

} // namespace pswnet
