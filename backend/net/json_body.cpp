// JSON parsing with a nesting limit enforced while parsing, so deep input never builds a deep tree.
#include "net/json_body.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cstdint>

namespace pswnet::http_json {
namespace {

// PostgreSQL's text holds no U+0000: a string with it would be cut short as a parameter, or refused inside JSON.
constexpr const char* no_nul = "must not contain the character U+0000";

// Builds the value as json::parse does and refuses nesting beyond the limit on the way in. Not json::parse with
// a callback: nlohmann 3.11's callback parser scans the whole enclosing array after every object it closes, so an
// array of n objects took n^2/2 steps (a 1 MiB body of {} kept a thread busy for minutes).
class depth_limited_builder : public nlohmann::detail::json_sax_dom_parser<json> {
public:
    depth_limited_builder(json& value, int depth_limit) : json_sax_dom_parser(value), depth_limit_(depth_limit) {}

    bool start_object(std::size_t size)
    {
        enter();
        return json_sax_dom_parser::start_object(size);
    }
    bool start_array(std::size_t size)
    {
        enter();
        return json_sax_dom_parser::start_array(size);
    }
    bool end_object()
    {
        --depth_;
        return json_sax_dom_parser::end_object();
    }
    bool end_array()
    {
        --depth_;
        return json_sax_dom_parser::end_array();
    }

private:
    void enter()
    {
        if (++depth_ > depth_limit_)
            throw api_error(errc::bad_request,
                            "The JSON is nested more than " + std::to_string(depth_limit_) + " levels deep.");
    }

    int depth_limit_;
    int depth_ = 0;
};

} // namespace

json parse(std::string_view text, int depth_limit)
{
    json value;
    depth_limited_builder builder(value, depth_limit);
    try {
        json::sax_parse(text.begin(), text.end(), &builder);
        return value;
    } catch (const json::exception& e) {
        // nlohmann's message names the byte offset and what it expected there. A number too large for a double
        // (1e400) is an out_of_range error rather than a parse_error, and is the client's mistake just the same.
        std::string what = e.what();
        auto pos = what.find("parse error");
        if (pos == std::string::npos) {
            auto tag_end = what.find("] "); // after "[json.exception.out_of_range.406] "
            pos = tag_end == std::string::npos ? 0 : tag_end + 2;
        }
        throw api_error(errc::bad_request, "The body is not valid JSON: " + what.substr(pos));
    }
}

object_reader::object_reader(const json& value, std::string prefix) : value_(value), prefix_(std::move(prefix))
{
    if (!value_.is_object()) // "kinds[0]." names the field "kinds[0]"
        errors_.add(prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - (prefix_.back() == '.' ? 1 : 0)),
                    "must be a JSON object");
}

const json* object_reader::field(const std::string& name, bool required)
{
    if (!value_.is_object())
        return nullptr;
    auto it = value_.find(name);
    if (it == value_.end() || it->is_null()) {
        if (required)
            errors_.add(path(name), "is required");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> object_reader::string(const std::string& name, bool required, std::size_t max_length)
{
    const json* f = field(name, required);
    if (!f)
        return std::nullopt;
    if (!f->is_string()) {
        errors_.add(path(name), "must be a string");
        return std::nullopt;
    }
    const auto& text = f->get_ref<const std::string&>();
    if (text.find('\0') != std::string::npos) {
        errors_.add(path(name), no_nul);
        return std::nullopt;
    }
    if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
        errors_.add(path(name), "must not be empty");
        return std::nullopt;
    }
    if (text::character_count(text) > max_length) {
        errors_.add(path(name), "must be at most " + std::to_string(max_length) + " characters");
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> int64_of(const json& value)
{
    if (!value.is_number_integer() ||
        (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
        return std::nullopt;
    return value.get<std::int64_t>();
}

std::optional<std::int64_t> object_reader::integer(const std::string& name, bool required)
{
    const json* f = field(name, required);
    if (!f)
        return std::nullopt;
    auto value = int64_of(*f);
    if (!value)
        errors_.add(path(name), "must be a whole number");
    return value;
}

std::optional<bool> object_reader::boolean(const std::string& name, bool required)
{
    const json* f = field(name, required);
    if (!f)
        return std::nullopt;
    if (!f->is_boolean()) {
        errors_.add(path(name), "must be true or false");
        return std::nullopt;
    }
    return f->get<bool>();
}

std::optional<std::vector<std::string>> object_reader::strings(const std::string& name, bool required,
                                                               std::size_t max_items, std::size_t max_length)
{
    const json* f = field(name, required);
    if (!f)
        return std::nullopt;
    if (!f->is_array()) {
        errors_.add(path(name), "must be a list of strings");
        return std::nullopt;
    }
    if (f->size() > max_items) {
        errors_.add(path(name), "must have at most " + std::to_string(max_items) + " items");
        return std::nullopt;
    }
    std::vector<std::string> values;
    bool ok = true;
    for (std::size_t i = 0; i < f->size(); ++i) {
        const auto& item = (*f)[i];
        std::string item_path = path(name) + "[" + std::to_string(i) + "]";
        if (!item.is_string()) {
            errors_.add(item_path, "must be a string");
            ok = false;
        } else if (item.get_ref<const std::string&>().find('\0') != std::string::npos) {
            errors_.add(item_path, no_nul);
            ok = false;
        } else if (text::character_count(item.get_ref<const std::string&>()) > max_length) {
            errors_.add(item_path, "must be at most " + std::to_string(max_length) + " characters");
            ok = false;
        } else {
            values.push_back(item.get<std::string>());
        }
    }
    return ok ? std::optional(std::move(values)) : std::nullopt;
}

std::optional<std::vector<std::int64_t>> object_reader::ids(const std::string& name, bool required,
                                                            std::size_t max_items)
{
    const json* f = field(name, required);
    if (!f)
        return std::nullopt;
    if (!f->is_array() || f->size() > max_items) {
        errors_.add(path(name), "must be a list of up to " + std::to_string(max_items) + " ids");
        return std::nullopt;
    }
    std::vector<std::int64_t> values;
    bool ok = true;
    for (std::size_t i = 0; i < f->size(); ++i) {
        if (auto id = int64_of((*f)[i]); id && *id > 0) {
            values.push_back(*id);
        } else {
            errors_.add(path(name) + "[" + std::to_string(i) + "]", "must be an id");
            ok = false;
        }
    }
    return ok ? std::optional(std::move(values)) : std::nullopt;
}

void object_reader::add_error(const std::string& name, std::string message)
{
    errors_.add(path(name), std::move(message));
}

} // namespace pswnet::http_json
