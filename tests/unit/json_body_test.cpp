// JSON parsing limits and field reading.
#include "net/json_body.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace pswnet {
namespace {

std::string nested(int depth)
{
    return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

TEST(JsonBody, NestingUpTo32LevelsIsAccepted)
{
    EXPECT_NO_THROW(http_json::parse(nested(32)));
}

TEST(JsonBody, NestingOf33LevelsIsRefusedWhileParsing)
{
    try {
        http_json::parse(nested(33));
        FAIL();
    } catch (const api_error& e) {
        EXPECT_EQ(e.code(), errc::bad_request);
        EXPECT_NE(e.detail().find("32"), std::string::npos);
    }
}

TEST(JsonBody, AMillionBracketsDoNotOverflowTheStack)
{
    EXPECT_THROW(http_json::parse(nested(1'000'000)), api_error);
}

TEST(JsonBody, MalformedJsonSaysWhere)
{
    try {
        http_json::parse(R"({"email": "a@b.c",})");
        FAIL();
    } catch (const api_error& e) {
        EXPECT_EQ(e.code(), errc::bad_request);
        EXPECT_NE(e.detail().find("column 19"), std::string::npos) << e.detail();
    }
}

// Found by tests/fuzz/json_body_fuzz: nlohmann reports such a number as out_of_range, not parse_error, and it
// escaped as a 500.
TEST(JsonBody, ANumberTooLargeForADoubleIsABadRequest)
{
    for (const char* text : {"1e400", R"({"limit": -1.5e999})"}) {
        try {
            http_json::parse(text);
            FAIL() << text;
        } catch (const api_error& e) {
            EXPECT_EQ(e.code(), errc::bad_request);
            EXPECT_NE(e.detail().find("number overflow"), std::string::npos) << e.detail();
            EXPECT_EQ(e.detail().find("json.exception"), std::string::npos) << e.detail();
        }
    }
}

// Found while measuring the fuzz build: json::parse with a callback (how the depth limit was enforced) rescans the
// enclosing array after every object, so a 1 MiB body of [{},{},...] took minutes of CPU even in release.
TEST(JsonBody, AnArrayOfManyObjectsParsesInLinearTime)
{
    std::string body = "[";
    for (int i = 0; i < 30'000; ++i)
        body += "{},";
    body += "{\"last\": [1]}]";
    const auto started = std::chrono::steady_clock::now();
    auto value = http_json::parse(body);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10)); // minutes before the fix
    ASSERT_EQ(value.size(), 30'001U);
    EXPECT_EQ(value.back(), http_json::json({{"last", {1}}}));
}

TEST(ObjectReader, ReportsEveryBadField)
{
    auto body = http_json::parse(R"({"email": 5, "roles": ["member", 7], "disabled": "yes"})");
    http_json::object_reader reader(body);
    reader.string("email", true);
    reader.string("password", true);
    reader.strings("roles", true);
    reader.boolean("disabled", true);
    try {
        reader.done();
        FAIL();
    } catch (const api_error& e) {
        EXPECT_EQ(e.code(), errc::validation_failed);
        std::vector<std::string> fields;
        for (const auto& f : e.errors())
            fields.push_back(f.field);
        EXPECT_EQ(fields, (std::vector<std::string>{"email", "password", "roles[1]", "disabled"}));
    }
}

TEST(ObjectReader, TooLongStringsAreRefused)
{
    auto body = http_json::json{{"title", std::string(201, 'x')}};
    http_json::object_reader reader(body);
    EXPECT_FALSE(reader.string("title", true, 200));
    EXPECT_THROW(reader.done(), api_error);
}

TEST(ObjectReader, StringsWithUPlus0000AreRefused)
{
    using namespace std::string_literals;
    auto body = http_json::json{{"body", "cut\0short"s}, {"tags", {"fine", "cut\0short"s}}};
    http_json::object_reader reader(body);
    EXPECT_FALSE(reader.string("body", true, 100));
    EXPECT_FALSE(reader.strings("tags", true, 5, 40));
    try {
        reader.done();
        FAIL();
    } catch (const api_error& e) {
        std::vector<std::string> said;
        for (const auto& f : e.errors())
            said.push_back(f.field + ": " + f.message);
        EXPECT_EQ(said, (std::vector<std::string>{"body: must not contain the character U+0000",
                                                  "tags[1]: must not contain the character U+0000"}));
    }
}

TEST(ObjectReader, WholeNumbersBeyondInt64AreRefusedNotWrapped)
{
    auto body =
        http_json::parse(R"({"max": 9223372036854775807, "over": 9223372036854775808, "top": 18446744073709551615,
                                     "low": -9223372036854775808})");
    http_json::object_reader reader(body);
    EXPECT_EQ(reader.integer("max", true), INT64_MAX);
    EXPECT_EQ(reader.integer("low", true), INT64_MIN);
    EXPECT_FALSE(reader.integer("over", true));
    EXPECT_FALSE(reader.integer("top", true));
    try {
        reader.done();
        FAIL();
    } catch (const api_error& e) {
        ASSERT_EQ(e.errors().size(), 2U);
        EXPECT_EQ(e.errors()[0].field, "over");
        EXPECT_EQ(e.errors()[1].field, "top");
    }
}

TEST(ObjectReader, ABodyThatIsNotAnObjectIsAnError)
{
    auto body = http_json::parse("[1, 2]");
    http_json::object_reader reader(body);
    EXPECT_THROW(reader.done(), api_error);
}

TEST(JsonBody, AnItemThatIsNotAnObjectIsNamedWithoutTheDot)
{
    http_json::object_reader body(http_json::json::array(), "");
    http_json::object_reader item(http_json::json(3), "kinds[0].");
    ASSERT_EQ(body.errors().list().size(), 1U);
    EXPECT_EQ(body.errors().list()[0].field, "body");
    ASSERT_EQ(item.errors().list().size(), 1U);
    EXPECT_EQ(item.errors().list()[0].field, "kinds[0]");
    EXPECT_EQ(item.errors().list()[0].message, "must be a JSON object");
}

TEST(ObjectReader, ReadsAListOfIdsNamingEachBadOne)
{
    auto body = http_json::parse(R"({"members": [3, 1, "two", -4, 2.5], "few": [1, 2, 3], "none": {}})");
    http_json::object_reader reader(body);
    EXPECT_FALSE(reader.ids("members", true, 10));
    EXPECT_FALSE(reader.ids("few", true, 2));
    EXPECT_FALSE(reader.ids("none", true, 2));
    EXPECT_FALSE(reader.ids("absent", false, 2));
    std::vector<std::string> fields;
    for (const auto& e : reader.errors().list())
        fields.push_back(e.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"members[2]", "members[3]", "members[4]", "few", "none"}));
    auto good = http_json::parse(R"({"members": [3, 1]})");
    http_json::object_reader ok(good);
    EXPECT_EQ(ok.ids("members", true, 2), (std::vector<std::int64_t>{3, 1}));
}

} // namespace
} // namespace pswnet
