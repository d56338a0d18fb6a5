// JSON in and out for the routes: parsing with a depth limit, and typed reading of fields that reports every
// problem as a field error rather than failing on the first.
#pragma once

#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::http_json {

using json = nlohmann::json;

inline constexpr int max_depth = 32;

// Throws api_error(bad_request) saying where the JSON is malformed or too deep.
json parse(std::string_view text, int depth_limit = max_depth);

// A whole number that fits in int64 (nlohmann keeps 2^63 to 2^64-1 as unsigned: read as int64 they would wrap to
// negative); nullopt for anything else.
std::optional<std::int64_t> int64_of(const json& value);

// Reads the fields of one JSON object, collecting errors; call done() to throw them all as one 422.
class object_reader {
public:
    explicit object_reader(const json& value, std::string prefix = "");

    std::optional<std::string> string(const std::string& name, bool required, std::size_t max_length = 1000);
    std::optional<std::int64_t> integer(const std::string& name, bool required);
    std::optional<bool> boolean(const std::string& name, bool required);
    std::optional<std::vector<std::string>> strings(const std::string& name, bool required, std::size_t max_items = 20,
                                                    std::size_t max_length = 100);
    // A list of up to max_items ids (whole numbers); each item at fault is named, "members[2]".
    std::optional<std::vector<std::int64_t>> ids(const std::string& name, bool required, std::size_t max_items);

    void add_error(const std::string& name, std::string message);
    field_errors& errors() noexcept { return errors_; }
    void done() const { errors_.throw_if_any(); }

private:
    const json* field(const std::string& name, bool required);
    std::string path(const std::string& name) const { return prefix_ + name; }

    const json& value_;
    std::string prefix_;
    field_errors errors_;
};

} // namespace pswnet::http_json
