// Fuzzes the JSON body reader: http_json::parse (nlohmann with the depth limit enforced while parsing) and
// object_reader over whatever it returns.
// Beyond "no crash": parse returns a value or throws api_error(bad_request), never another exception; a value is
// nested at most max_depth levels; dumping it and parsing the dump gives the same value; object_reader hands back
// only what was asked for (a string within its length, a whole number equal to the JSON's, ...) and done() throws
// a validation error exactly when a field was refused.
#include "fuzz_support.hpp"
#include "net/json_body.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace {

using pswnet::api_error;
using pswnet::errc;
using pswnet::fuzz::expect;
using pswnet::http_json::json;
namespace http_json = pswnet::http_json;

int depth(const json& value)
{
    if (!value.is_structured())
        return 0;
    int deepest = 0;
    for (const auto& item : value)
        deepest = std::max(deepest, depth(item));
    return deepest + 1;
}

std::size_t characters(const std::string& text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void read_fields(const json& body, bool required)
{
    http_json::object_reader reader(body, required ? "" : "outer.");
    std::vector<std::string> names{"a", "title", "limit", "tags"};
    if (body.is_object())
        for (auto it = body.begin(); it != body.end() && names.size() < 12; ++it)
            names.push_back(it.key());
    constexpr std::size_t max_length = 8;
    constexpr std::size_t max_items = 3;
    for (const auto& name : names) {
        const json* field = body.is_object() && body.contains(name) ? &body.at(name) : nullptr;
        if (auto text = reader.string(name, required, max_length)) {
            expect(field && field->is_string() && *text == field->get<std::string>(), "string() returns the field");
            expect(characters(*text) <= max_length, "string() respects max_length");
            expect(!required || text->find_first_not_of(" \t\r\n") != std::string::npos,
                   "a required string is not blank");
        }
        if (auto number = reader.integer(name, required)) {
            expect(field && field->is_number_integer(), "integer() reads only whole numbers");
            if (field->is_number_unsigned())
                expect(*number >= 0 && static_cast<std::uint64_t>(*number) == field->get<std::uint64_t>(),
                       "integer() returns the number sent, not a wrapped one");
            else
                expect(*number == field->get<std::int64_t>(), "integer() returns the number sent");
        }
        if (auto flag = reader.boolean(name, required))
            expect(field && field->is_boolean() && *flag == field->get<bool>(), "boolean() returns the field");
        if (auto list = reader.strings(name, required, max_items, max_length)) {
            expect(field && field->is_array() && list->size() == field->size() && list->size() <= max_items,
                   "strings() returns every item, at most max_items");
            for (const auto& item : *list)
                expect(characters(item) <= max_length, "strings() respects max_length");
        }
    }
    const bool refused = !reader.errors().empty();
    try {
        reader.done();
        expect(!refused, "done() throws when a field was refused");
    } catch (const api_error& e) {
        expect(refused && e.code() == errc::validation_failed && !e.errors().empty(),
               "done() throws one validation error naming the fields");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = pswnet::fuzz::as_text(data, size);
    json value;
    try {
        value = http_json::parse(text);
    } catch (const api_error& e) {
        expect(e.code() == errc::bad_request, "malformed or deep JSON is a bad request");
        return 0;
    } catch (const std::exception& e) {
        pswnet::fuzz::fail(std::string("parse threw something other than api_error: ") + e.what());
    }
    expect(depth(value) <= http_json::max_depth, "no value is nested deeper than max_depth");

    const auto dumped = value.dump();
    json again;
    try {
        again = http_json::parse(dumped);
    } catch (const std::exception& e) {
        pswnet::fuzz::fail(std::string("the dump of a parsed value does not parse: ") + e.what());
    }
    expect(again == value, "parse(dump(value)) == value");
    expect(again.dump() == dumped, "dumping is stable");

    read_fields(value, true);
    read_fields(value, false);
    return 0;
}
